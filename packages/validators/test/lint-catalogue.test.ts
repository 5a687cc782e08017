// The catalogue lists every lint rule once, with the severity its findings have at most.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { lintPolicyProfile, lintRuleCatalogue, severityOrder } from "../src/index.js";

const lintFolder = join(import.meta.dirname, "../src/lint");
/** The codes the rules' sources emit: the string after `finding(` or `code:`. */
const emitted = new Set(
  readdirSync(lintFolder)
    .filter((name) => name.endsWith(".ts") && name !== "catalogue.ts")
    .flatMap((name) =>
      [
        ...readFileSync(join(lintFolder, name), "utf8").matchAll(
          /(?:finding\(|code:)\s*"([a-z0-9-]+)"/g,
        ),
      ].map((match) => match[1] as string),
    ),
);

describe("lint rule catalogue", () => {
  test("every rule the linter emits is catalogued once, and nothing else is", () => {
    const ids = lintRuleCatalogue.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...emitted].sort());
  });

  test("a finding is never more severe than its rule's catalogued severity", () => {
    const profiles = [
      { name: "a", access_mode: "read_write" as const },
      {
        name: "b",
        access_mode: "read_only" as const,
        masking_rules: [
          { table: "t", column: "c", kind: "hash" as const },
          { table: "t", column: "c", kind: "redact" as const },
        ],
        statement_rules: { allow: ["insert", "selec"], deny: ["delete"] },
        table_allowlist: ["t", "t"],
        table_denylist: ["t"],
        approval_auto_max_rows: 5,
      },
    ];
    const rank = (severity: string) => severityOrder.indexOf(severity as never);
    for (const profile of profiles)
      for (const finding of lintPolicyProfile(profile).findings) {
        const rule = lintRuleCatalogue.find((r) => r.id === finding.code);
        expect(rule, finding.code).toBeDefined();
        expect(rank(finding.severity)).toBeGreaterThanOrEqual(rank(rule?.severity ?? ""));
      }
  });
});
