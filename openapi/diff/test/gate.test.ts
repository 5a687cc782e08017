import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { SpecChange } from "../classify.js";
import { checkChangesets, parseChangeset, requiredBump } from "../gate.js";

const breaking: SpecChange = {
  impact: "breaking",
  where: "POST /x request body.name",
  message: "became required",
};
const additive: SpecChange = {
  impact: "non-breaking",
  where: "POST /x request body.note",
  message: "optional property added",
};
const docs: SpecChange = { impact: "docs", where: "spec", message: "descriptions changed" };
const packages = ["@pgbeam/policies-client", "@pgbeam/policies-types"];

test("changeset front matter is read", () => {
  const set = parseChangeset(
    "---\n\"@pgbeam/policies-types\": major\n'@pgbeam/policies-client': minor\n---\n\nWhy.\n",
  );
  expect([...set]).toEqual([
    ["@pgbeam/policies-types", "major"],
    ["@pgbeam/policies-client", "minor"],
  ]);
});

test("the bump each kind of change needs", () => {
  expect(requiredBump([docs])).toBeUndefined();
  expect(requiredBump([docs, additive])).toBe("minor");
  expect(requiredBump([additive, breaking])).toBe("major");
});

test("a breaking change without major changesets fails for every spec package, saying why", () => {
  const failures = checkChangesets(
    [breaking],
    [new Map([["@pgbeam/policies-types", "minor"]])],
    packages,
  );
  expect(failures).toHaveLength(2);
  expect(failures[0]).toBe(
    "@pgbeam/policies-client needs a major changeset for a breaking change (found none); run `pnpm changeset`. Changes:\n    - POST /x request body.name: became required",
  );
  expect(failures[1]).toContain(
    "@pgbeam/policies-types needs a major changeset for a breaking change (found minor)",
  );
});

test("covered changes pass; docs-only needs nothing", () => {
  const majors = new Map(packages.map((name) => [name, "major" as const]));
  expect(checkChangesets([breaking, additive], [majors], packages)).toEqual([]);
  expect(
    checkChangesets(
      [additive],
      [new Map(packages.map((name) => [name, "minor" as const]))],
      packages,
    ),
  ).toEqual([]);
  expect(checkChangesets([docs], [], packages)).toEqual([]);
});

test("every pending changeset in the repository names at least one package and bump", () => {
  const dir = fileURLToPath(new URL("../../../.changeset", import.meta.url));
  const files = readdirSync(dir).filter((file) => file.endsWith(".md") && file !== "README.md");
  for (const file of files) {
    expect(parseChangeset(readFileSync(join(dir, file), "utf8")).size, file).toBeGreaterThan(0);
  }
});
