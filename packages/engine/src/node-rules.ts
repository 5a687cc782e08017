import type { KnownStatementKind } from "@pgbeam/policies-types";

// The engine's rule for every node type of PostgreSQL 18's raw parse tree. A node type missing
// here (a clause a later PostgreSQL adds, or a planner node that should never reach a raw tree)
// has no rule, and a statement holding it is refused with `unsupported_construct`.

/** What running a statement does: reads, changes session state, writes data, or changes the schema. */
export type StatementEffect = "read" | "session" | "write" | "ddl";

/** A statement kind the spec knows, or `other` for statements none of the ten describes (CALL, DO, LOCK…). */
export type StatementClass = KnownStatementKind | "other";

/** The kind a parser statement node runs as, and its effect when nothing else in it writes. */
export interface StatementKindEntry {
  kind: StatementClass;
  effect: StatementEffect;
}

function entry(kind: StatementClass, effect: StatementEffect): StatementKindEntry {
  return { kind, effect };
}

// Every statement node that is not DDL, with its kind and effect.
const nonDdlStatements: Readonly<Record<string, StatementKindEntry>> = {
  SelectStmt: entry("select", "read"),
  FetchStmt: entry("select", "read"),
  ClosePortalStmt: entry("select", "read"),
  InsertStmt: entry("insert", "write"),
  UpdateStmt: entry("update", "write"),
  DeleteStmt: entry("delete", "write"),
  MergeStmt: entry("update", "write"),
  // COPY … TO reads; COPY … FROM writes (see `copyEffect`).
  CopyStmt: entry("copy", "read"),
  VariableSetStmt: entry("set", "session"),
  ConstraintsSetStmt: entry("set", "session"),
  DiscardStmt: entry("set", "session"),
  DeallocateStmt: entry("set", "session"),
  ListenStmt: entry("set", "session"),
  UnlistenStmt: entry("set", "session"),
  VariableShowStmt: entry("show", "read"),
  ExplainStmt: entry("explain", "read"),
  TransactionStmt: entry("transaction", "session"),
  // These run code or take locks the statement text does not show, so they count as writes.
  CallStmt: entry("other", "write"),
  DoStmt: entry("other", "write"),
  ExecuteStmt: entry("other", "write"),
  LockStmt: entry("other", "write"),
  NotifyStmt: entry("other", "write"),
  LoadStmt: entry("other", "write"),
  CheckPointStmt: entry("other", "write"),
};

// Every DDL statement node: it changes the schema, roles, privileges or server objects.
const ddlStatements = new Set([
  "AlterCollationStmt",
  "AlterDatabaseRefreshCollStmt",
  "AlterDatabaseSetStmt",
  "AlterDatabaseStmt",
  "AlterDefaultPrivilegesStmt",
  "AlterDomainStmt",
  "AlterEnumStmt",
  "AlterEventTrigStmt",
  "AlterExtensionContentsStmt",
  "AlterExtensionStmt",
  "AlterFdwStmt",
  "AlterForeignServerStmt",
  "AlterFunctionStmt",
  "AlterObjectDependsStmt",
  "AlterObjectSchemaStmt",
  "AlterOpFamilyStmt",
  "AlterOperatorStmt",
  "AlterOwnerStmt",
  "AlterPolicyStmt",
  "AlterPublicationStmt",
  "AlterRoleSetStmt",
  "AlterRoleStmt",
  "AlterSeqStmt",
  "AlterStatsStmt",
  "AlterSubscriptionStmt",
  "AlterSystemStmt",
  "AlterTSConfigurationStmt",
  "AlterTSDictionaryStmt",
  "AlterTableMoveAllStmt",
  "AlterTableSpaceOptionsStmt",
  "AlterTableStmt",
  "AlterTypeStmt",
  "AlterUserMappingStmt",
  "ClusterStmt",
  "CommentStmt",
  "CompositeTypeStmt",
  "CreateAmStmt",
  "CreateCastStmt",
  "CreateConversionStmt",
  "CreateDomainStmt",
  "CreateEnumStmt",
  "CreateEventTrigStmt",
  "CreateExtensionStmt",
  "CreateFdwStmt",
  "CreateForeignServerStmt",
  "CreateForeignTableStmt",
  "CreateFunctionStmt",
  "CreateOpClassStmt",
  "CreateOpFamilyStmt",
  "CreatePLangStmt",
  "CreatePolicyStmt",
  "CreatePublicationStmt",
  "CreateRangeStmt",
  "CreateRoleStmt",
  "CreateSchemaStmt",
  "CreateSeqStmt",
  "CreateStatsStmt",
  "CreateStmt",
  "CreateSubscriptionStmt",
  "CreateTableAsStmt",
  "CreateTableSpaceStmt",
  "CreateTransformStmt",
  "CreateTrigStmt",
  "CreateUserMappingStmt",
  "CreatedbStmt",
  "DefineStmt",
  "DropOwnedStmt",
  "DropRoleStmt",
  "DropStmt",
  "DropSubscriptionStmt",
  "DropTableSpaceStmt",
  "DropUserMappingStmt",
  "DropdbStmt",
  "GrantRoleStmt",
  "GrantStmt",
  "ImportForeignSchemaStmt",
  "IndexStmt",
  "ReassignOwnedStmt",
  "RefreshMatViewStmt",
  "ReindexStmt",
  "RenameStmt",
  "ReplicaIdentityStmt",
  "RuleStmt",
  "SecLabelStmt",
  "TruncateStmt",
  "VacuumStmt",
  "ViewStmt",
]);

// Every node of the raw parse tree that is not a statement: expressions, clauses, names and
// constants. Each is judged generically: its children are walked, the code it names is checked
// against the catalog, and a masked value inside it counts as computed on unless a rule says
// otherwise.
const clauseNodes = new Set([
  "A_ArrayExpr",
  "A_Const",
  "A_Expr",
  "A_Indices",
  "A_Indirection",
  "A_Star",
  "ATAlterConstraint",
  "AccessPriv",
  "Alias",
  "AlterTableCmd",
  "BitString",
  "BoolExpr",
  "Boolean",
  "BooleanTest",
  "CTECycleClause",
  "CTESearchClause",
  "CaseExpr",
  "CaseWhen",
  "CoalesceExpr",
  "CollateClause",
  "ColumnDef",
  "ColumnRef",
  "CommonTableExpr",
  "Constraint",
  "CreateOpClassItem",
  "CurrentOfExpr",
  "DefElem",
  "Float",
  "FuncCall",
  "FunctionParameter",
  "GroupingFunc",
  "GroupingSet",
  "IndexElem",
  "InferClause",
  "Integer",
  "IntoClause",
  "JoinExpr",
  "JsonAggConstructor",
  "JsonArgument",
  "JsonArrayAgg",
  "JsonArrayConstructor",
  "JsonArrayQueryConstructor",
  "JsonBehavior",
  "JsonFormat",
  "JsonFuncExpr",
  "JsonIsPredicate",
  "JsonKeyValue",
  "JsonObjectAgg",
  "JsonObjectConstructor",
  "JsonOutput",
  "JsonParseExpr",
  "JsonReturning",
  "JsonScalarExpr",
  "JsonSerializeExpr",
  "JsonTable",
  "JsonTableColumn",
  "JsonTablePathSpec",
  "JsonValueExpr",
  "List",
  "LockingClause",
  "MergeSupportFunc",
  "MergeWhenClause",
  "MinMaxExpr",
  "MultiAssignRef",
  "NamedArgExpr",
  "NullTest",
  "ObjectWithArgs",
  "OnConflictClause",
  "ParamRef",
  "PartitionBoundSpec",
  "PartitionCmd",
  "PartitionElem",
  "PartitionRangeDatum",
  "PartitionSpec",
  "PublicationObjSpec",
  "PublicationTable",
  "RangeFunction",
  "RangeSubselect",
  "RangeTableFunc",
  "RangeTableFuncCol",
  "RangeTableSample",
  "RangeVar",
  "ResTarget",
  "ReturnStmt",
  "ReturningClause",
  "ReturningOption",
  "RoleSpec",
  "RowExpr",
  "SQLValueFunction",
  "SetToDefault",
  "SortBy",
  "StatsElem",
  "String",
  "SubLink",
  "TableLikeClause",
  "TriggerTransition",
  "TypeCast",
  "TypeName",
  "VacuumRelation",
  "WindowDef",
  "WithClause",
  "XmlExpr",
  "XmlSerialize",
]);

// EXPLAIN, PREPARE and DECLARE CURSOR are judged as the statement they hold.
const wrapperStatements = new Set(["PrepareStmt", "DeclareCursorStmt"]);

const ddl = entry("ddl", "ddl");

// One set of every node type with a rule: a single lookup per node of every walk.
const ruledNodes: ReadonlySet<string> = new Set([
  ...Object.keys(nonDdlStatements),
  ...ddlStatements,
  ...wrapperStatements,
  ...clauseNodes,
]);

/** True when the engine has a rule for this parse node type (see the file's header). */
export function hasNodeRule(type: string): boolean {
  return ruledNodes.has(type);
}

/** The kind and effect of a parser statement node type (`SelectStmt`, `DropStmt`, …). */
export function kindOfNode(type: string): StatementKindEntry {
  return nonDdlStatements[type] ?? ddl;
}

/** The effect of a COPY: FROM writes rows into the relation, TO only reads them. */
export function copyEffect(isFrom: boolean): StatementEffect {
  return isFrom ? "write" : "read";
}

/** Every statement kind that always writes (every node of that kind writes): for the linter's rule. */
export function kindsThatAlwaysWrite(): StatementClass[] {
  const kinds = new Map<StatementClass, boolean>([["ddl", true]]);
  for (const { kind, effect } of Object.values(nonDdlStatements)) {
    const writes = effect === "write" || effect === "ddl";
    kinds.set(kind, (kinds.get(kind) ?? true) && writes);
  }
  return [...kinds].filter(([, always]) => always).map(([kind]) => kind);
}
