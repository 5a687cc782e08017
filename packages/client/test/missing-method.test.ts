// Proof that the operation table holds the client to the spec: a copy of src/ with one method
// deleted fails to type-check, and the error names the operation. Runs the real tsc on the copy.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
// Inside the package, so the copy resolves @pgbeam/policies-types and openapi-fetch like src/ does.
const mutants = mkdtempSync(join(root, ".mutant-"));
afterAll(() => rmSync(mutants, { recursive: true, force: true }));

/** Copies src/, applies `mutate` to one file, type-checks the copy; returns tsc's output ("" when clean). */
function typecheckMutant(name: string, file: string, mutate: (text: string) => string): string {
  const dir = join(mutants, name);
  cpSync(join(root, "src"), join(dir, "src"), { recursive: true });
  const path = join(dir, "src", file);
  const before = readFileSync(path, "utf8");
  const after = mutate(before);
  expect(after, `the mutation of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: join(root, "../../tsconfig.base.json"),
      compilerOptions: { noEmit: true },
      include: ["src"],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

describe("deleting one client method fails the type-check, naming it", () => {
  test("approvalRules.delete removed from the resource: the table's deleteApprovalRule entry fails", () => {
    const output = typecheckMutant("no-delete-method", "approval-rules-resource.ts", (text) =>
      text.replace(/ {2}\/\*\* Deletes a rule[^\n]*\n {2}delete\([^;]*;\n/, ""),
    );
    const line = /operation-methods\.ts\((\d+),/.exec(output)?.[1];
    expect(line, output).toBeDefined();
    const source = readFileSync(join(root, "src/operation-methods.ts"), "utf8").split("\n");
    expect(source[Number(line) - 1]).toContain("deleteApprovalRule");
  }, 180_000);

  test("the deleteApprovalRule entry removed from the table: tsc names the operation", () => {
    const output = typecheckMutant("no-table-entry", "operation-methods.ts", (text) =>
      text.replace(/ {2}deleteApprovalRule: [^\n]*\n/, ""),
    );
    expect(output).toMatch(/Property 'deleteApprovalRule' is missing/);
  }, 180_000);
});
