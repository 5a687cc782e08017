import { functionKnowledge, isBuiltinType, operatorKnowledge } from "./catalog/code-safety.js";
import { sessionFunctions } from "./catalog/reviewed-code.js";
import type { CodeUse } from "./code-uses.js";
import type { Refusal } from "./decision.js";
import { describeUse, type StatementFacts } from "./facts.js";
import { sqlInStringFunctions } from "./function-names.js";
import type { PolicyIndex } from "./policy.js";

/**
 * Default deny for code, from PostgreSQL's own catalog: under `read_only` every function and
 * operator must be known read-only, and where the policy keeps anything in (a table list, a mask,
 * a row filter) every function, operator and cast must be pg_catalog's own and known safe. Judged
 * whether or not the statement runs (EXPLAIN plans, and planning folds constants).
 */
export function codeRefusal(facts: StatementFacts, policy: PolicyIndex): Refusal | undefined {
  const readOnly = policy.profile.access_mode === "read_only";
  if (readOnly) {
    const writer = facts.writingCalls[0];
    if (writer !== undefined) {
      return {
        rule: "read_only",
        reason: `The policy is read-only and the statement runs ${writer}, which PostgreSQL's catalog does not show to be read-only.`,
        hint: "Use built-in functions that only compute a value, or a credential whose policy is read_write.",
      };
    }
  }
  if (!policy.protects) return undefined;
  for (const use of facts.code) {
    const refused = useRefusal(use);
    if (refused !== undefined) return refused;
  }
  return undefined;
}

function useRefusal(use: CodeUse): Refusal | undefined {
  if (use.what === "type") {
    if (isBuiltinType(use.schema, use.name)) return undefined;
    return unknownCode(use, "a cast to it runs that type's own input or cast function");
  }
  const knowledge =
    use.what === "function"
      ? functionKnowledge(use.schema, use.name)
      : operatorKnowledge(use.schema, use.name);
  if (!knowledge.builtin) return unknownCode(use, "it is not one of PostgreSQL's own (pg_catalog)");
  if (knowledge.safe) return undefined;
  if (use.constantArgs === true && sessionFunctions.has(use.name)) return undefined;
  if (sqlInStringFunctions.has(use.name)) {
    return {
      rule: "sql_in_string",
      reason: `The statement calls ${use.name}, which reads the SQL or relation it is given as a string; the policy cannot be checked against it.`,
      hint: "Write the query itself, so the policy can judge the relations and columns it reads.",
    };
  }
  return {
    rule: "unsafe_function",
    reason: `The statement runs ${describeUse(use)}, which PostgreSQL declares ${use.what === "function" ? "stable or volatile" : "not immutable"}: it may read relations, sequences, files or server state the policy cannot see, and it is not on the engine's reviewed list.`,
    hint: "Use immutable built-in functions, or the reviewed stable ones listed in the engine README.",
  };
}

function unknownCode(use: CodeUse, why: string): Refusal {
  return {
    rule: "unknown_code",
    reason: `The statement runs ${describeUse(use)}, code the engine cannot judge: ${why}, and the policy keeps something in.`,
    hint: "Use PostgreSQL's built-in functions, operators and types, unqualified or qualified with pg_catalog.",
  };
}
