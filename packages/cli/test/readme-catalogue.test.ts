// The README's table of input checks says what the catalogue says, one row per rule.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lintRuleCatalogue } from "@pgbeam/policies-validators";
import { describe, expect, test } from "vitest";
import { inputRules } from "../src/profiles/input-rules.js";

const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");

describe("the README's rule tables", () => {
  test("every input check has its row, as the catalogue words it", () => {
    for (const rule of inputRules)
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.description} | ${rule.help} |`);
  });

  test("every lint rule has its row, with the catalogue's severity and words", () => {
    for (const rule of lintRuleCatalogue)
      expect(readme).toContain(
        `| \`${rule.id}\` | ${rule.severity} | ${rule.description} | ${rule.help} |`,
      );
  });
});
