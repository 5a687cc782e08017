// The spec's statement kinds that always write. Which parse nodes run as which kind is the
// engine's (packages/engine/src/node-rules.ts); its tests check that it agrees with this rule.

// Every statement of these kinds writes data or schema: read_only refuses them whatever
// statement_rules say. `copy` is not among them (COPY … TO only reads); nor are select (a
// data-modifying CTE is judged as its write) or the session kinds.
const alwaysWriting: ReadonlySet<string> = new Set(["insert", "update", "delete", "ddl"]);

/** True when every statement of this kind writes, so `read_only` refuses it whatever `statement_rules` say. */
export function kindAlwaysWrites(kind: string): boolean {
  return alwaysWriting.has(kind);
}
