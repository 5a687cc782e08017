import { type AstObject, isObject, list, nodeType, str } from "./ast.js";

/** Where a visited object sits: the statement or node type that owns it, and the field it is in. */
export interface WalkPlace {
  /** Type of the nearest wrapped node above (e.g. `InsertStmt` for an INSERT's `relation`). */
  owner: string | undefined;
  /** The field of that node the object hangs from (`relation`, `fromClause`, …). */
  key: string | undefined;
  /** Names of the common table expressions visible here, exactly as the parser folded them. */
  ctes: ReadonlySet<string>;
}

/**
 * Called for every object of the tree, with its node type when it is the body of a wrapped node;
 * return `false` to skip its children. `place` is updated as the walk moves: read it, never keep it.
 */
export type Visitor = (
  object: AstObject,
  place: Readonly<WalkPlace>,
  type: string | undefined,
) => boolean | undefined;

/**
 * Visits every object of a syntax tree, depth first, knowing which CTE names are in scope
 * (a statement's WITH bodies are visited before the statement itself).
 * A non-recursive WITH makes each CTE visible to the later ones and to the body; WITH RECURSIVE
 * makes all of them visible everywhere in the statement.
 */
export function walkTree(root: unknown, visit: Visitor): void {
  walk(root, { owner: undefined, key: undefined, ctes: new Set() }, visit);
}

// Node types that hold no statement, relation or lock: constants, names and type names.
const leafTypes = new Set([
  "String",
  "Integer",
  "Float",
  "Boolean",
  "BitString",
  "A_Const",
  "A_Star",
  "ParamRef",
  "TypeName",
]);

// One `place` object travels the whole walk and is restored on the way back up, so a walk
// allocates nothing per node.
function walk(value: unknown, place: WalkPlace, visit: Visitor): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, place, visit);
    return;
  }
  if (!isObject(value)) return;
  const type = nodeType(value);
  if (type !== undefined && leafTypes.has(type)) return;
  const object = type === undefined ? value : (value[type] as AstObject);
  const { owner: outerOwner, key: outerKey, ctes: outerCtes } = place;
  // CTE bodies are walked first, so the statement that owns the WITH sees its own CTE names.
  const ctes = isObject(object.withClause) ? withScope(object.withClause, place, visit) : outerCtes;
  place.ctes = ctes;
  if (visit(object, place, type) !== false) {
    const owner = type ?? outerOwner;
    for (const key in object) {
      const child = object[key];
      if (key === "withClause" || typeof child !== "object" || child === null) continue;
      place.owner = owner;
      place.key = key;
      place.ctes = ctes;
      walk(child, place, visit);
    }
  }
  place.owner = outerOwner;
  place.key = outerKey;
  place.ctes = outerCtes;
}

/** Walks a WITH clause's CTE bodies in their scopes; returns the scope of the statement body. */
function withScope(withClause: AstObject, place: WalkPlace, visit: Visitor): ReadonlySet<string> {
  const ctes = list(withClause.ctes)
    .map((cte) =>
      isObject(cte) && isObject(cte.CommonTableExpr) ? cte.CommonTableExpr : undefined,
    )
    .filter((cte): cte is AstObject => cte !== undefined);
  // Exact: the parser already folded unquoted names, and a quoted CTE name is case-sensitive.
  const cteNames = ctes.map((cte) => str(cte.ctename) ?? "");
  const outer = place.ctes;
  const all = new Set([...outer, ...cteNames]);
  const recursive = withClause.recursive === true;
  ctes.forEach((cte, index) => {
    const visible = recursive ? all : new Set([...outer, ...cteNames.slice(0, index)]);
    // Every field, not only the query: SEARCH and CYCLE clauses hold expressions too.
    for (const key in cte) {
      const child = cte[key];
      if (typeof child !== "object" || child === null) continue;
      walk(child, { owner: "CommonTableExpr", key, ctes: visible }, visit);
    }
  });
  return all;
}
