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
const released = ["@pgbeam/policies-client", "@pgbeam/policies-types"].map((name) => ({
  name,
  version: "1.2.0",
}));
const names = released.map((p) => p.name);

test("changeset front matter is read", () => {
  const set = parseChangeset(
    "---\n\"@pgbeam/policies-types\": major\n'@pgbeam/policies-client': minor\n---\n\nWhy.\n",
  );
  expect([...set]).toEqual([
    ["@pgbeam/policies-types", "major"],
    ["@pgbeam/policies-client", "minor"],
  ]);
});

test("the bump each kind of change needs from 1.0.0 on", () => {
  expect(requiredBump([docs], "1.2.0")).toBeUndefined();
  expect(requiredBump([docs, additive], "1.2.0")).toBe("minor");
  expect(requiredBump([additive, breaking], "1.2.0")).toBe("major");
});

test("below 1.0.0 every bump moves one place down, as caret ranges do", () => {
  expect(requiredBump([docs], "0.0.0")).toBeUndefined();
  expect(requiredBump([additive], "0.0.0")).toBe("patch");
  expect(requiredBump([additive, breaking], "0.3.1")).toBe("minor");
  const initial = [{ name: "@pgbeam/policies-types", version: "0.0.0" }];
  expect(
    checkChangesets([breaking], [new Map([["@pgbeam/policies-types", "minor"]])], initial),
  ).toEqual([]);
  expect(checkChangesets([breaking], [], initial)[0]).toContain(
    "@pgbeam/policies-types 0.0.0 needs a minor changeset for a breaking change (found none)",
  );
});

test("a breaking change without major changesets fails for every spec package, saying why", () => {
  const failures = checkChangesets(
    [breaking],
    [new Map([["@pgbeam/policies-types", "minor"]])],
    released,
  );
  expect(failures).toHaveLength(2);
  expect(failures[0]).toBe(
    "@pgbeam/policies-client 1.2.0 needs a major changeset for a breaking change (found none); run `pnpm changeset`. Changes:\n    - POST /x request body.name: became required",
  );
  expect(failures[1]).toContain(
    "@pgbeam/policies-types 1.2.0 needs a major changeset for a breaking change (found minor)",
  );
});

test("covered changes pass; docs-only needs nothing", () => {
  const majors = new Map(names.map((name) => [name, "major" as const]));
  expect(checkChangesets([breaking, additive], [majors], released)).toEqual([]);
  expect(
    checkChangesets([additive], [new Map(names.map((name) => [name, "minor" as const]))], released),
  ).toEqual([]);
  expect(checkChangesets([docs], [], released)).toEqual([]);
});

test("every pending changeset in the repository names at least one package and bump", () => {
  const dir = fileURLToPath(new URL("../../../.changeset", import.meta.url));
  const files = readdirSync(dir).filter((file) => file.endsWith(".md") && file !== "README.md");
  for (const file of files) {
    expect(parseChangeset(readFileSync(join(dir, file), "utf8")).size, file).toBeGreaterThan(0);
  }
});
