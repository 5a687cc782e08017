import type { Refusal } from "./decision.js";
import type { StatementFacts } from "./facts.js";
import type { PolicyIndex } from "./policy.js";

// Statements that define or change code PostgreSQL runs later, on its own: functions,
// procedures, aggregates, operators, casts, types with their I/O functions, triggers, rules,
// row-level policies, extensions, languages, handlers. Once created, an innocent spelling (`=`,
// `::int`, an INSERT) may run them, and no later statement shows it.
const codeDefiningStatements = new Set([
  "CreateFunctionStmt",
  "AlterFunctionStmt",
  "DefineStmt",
  "CreateCastStmt",
  "CreateOpClassStmt",
  "CreateOpFamilyStmt",
  "AlterOpFamilyStmt",
  "AlterOperatorStmt",
  "AlterTypeStmt",
  "CreateRangeStmt",
  "CreateTransformStmt",
  "CreateConversionStmt",
  "CreatePLangStmt",
  "CreateTrigStmt",
  "CreateEventTrigStmt",
  "AlterEventTrigStmt",
  "RuleStmt",
  "CreatePolicyStmt",
  "AlterPolicyStmt",
  "CreateExtensionStmt",
  "AlterExtensionStmt",
  "AlterExtensionContentsStmt",
  "CreateFdwStmt",
  "AlterFdwStmt",
  "CreateAmStmt",
  "AlterTSConfigurationStmt",
  "AlterTSDictionaryStmt",
]);

/**
 * Where the policy keeps anything in, defining code is refused: the engine judges each statement
 * against PostgreSQL's own catalog, and a user's function, operator, cast or trigger would make
 * that catalog wrong for every later statement of the session.
 */
export function userCodeRefusal(facts: StatementFacts, policy: PolicyIndex): Refusal | undefined {
  if (!policy.protects || !codeDefiningStatements.has(facts.body.type)) return undefined;
  return {
    rule: "user_defined_code",
    reason: `The statement (${facts.body.type.replace(/Stmt$/, "")}) defines or changes code that PostgreSQL would run later on its own, where the engine cannot judge it, and the policy keeps something in.`,
    hint: "Create functions, operators, casts, triggers, rules and policies through a reviewed migration, not an agent session.",
  };
}
