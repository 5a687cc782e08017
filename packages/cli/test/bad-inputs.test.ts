// One bad file of each kind: every command names each one, keeps checking the others, exits 1.
// Through the real bin; the text is kept in test/golden/bad-inputs.txt.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serviceFacts } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import { commandLine } from "../src/text/command-line.js";
import { runBin } from "./bin-env.js";
import { workspace } from "./helpers.js";

/** An alias bomb: each level refers to the one before ten times. */
const aliasBomb = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 8 }, (_, level) => {
    const previous = String.fromCharCode(97 + level);
    const name = String.fromCharCode(98 + level);
    return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`;
  }),
  "",
].join("\n");

function badFolder(): string {
  const cwd = workspace({
    "good.yaml": "max_rows: 5\n",
    "good.test.yaml": "\uFEFF- sql: SELECT 1\n  expect: { verdict: allow }\n",
    "crlf.yaml": "access_mode: read_only\r\nmax_rows: 5\r\n",
    "bomb.yaml": aliasBomb,
    "order.yaml": "max_rows: &m 5\nbudget_queries_per_hour: *m\n",
  });
  const policies = join(cwd, "policies");
  writeFileSync(
    join(policies, "latin1.yaml"),
    Buffer.concat([
      Buffer.from("max_rows: 5\ntable_allowlist: [caf"),
      Buffer.from([0xe9, 0x5d, 0x0a]),
    ]),
  );
  writeFileSync(Buffer.from(join(policies, "bad\xff.yaml"), "latin1"), "max_rows: 5\n");
  writeFileSync(join(cwd, "outside.yaml"), "secret_value: hunter2\n");
  symlinkSync(join(cwd, "outside.yaml"), join(policies, "link.yaml"));
  writeFileSync(
    join(policies, "huge.yaml"),
    `# ${"x".repeat(serviceFacts.requestBodyLimitBytes)}\nmax_rows: 1\n`,
  );
  mkdirSync(join(policies, "folder.yaml"));
  return cwd;
}

describe("a folder with one bad file of each kind", () => {
  test("validate, test, fmt --check and lint name every bad file and report the good ones", async () => {
    const cwd = badFolder();
    let transcript = "";
    for (const argv of [["validate"], ["test"], ["fmt", "--check"], ["lint"]]) {
      const { code, stdout, stderr } = await runBin(cwd, argv, { PATH: process.env.PATH ?? "" });
      expect(stdout + stderr).not.toContain("hunter2");
      expect(stderr).toBe("");
      transcript += `$ ${commandLine(argv.join(" "))}\n${stdout}[exit ${code}]\n\n`;
    }
    await expect(transcript).toMatchFileSnapshot("golden/bad-inputs.txt");
  });

  test("lint --format sarif carries every invalid file as an error under its rule", async () => {
    const cwd = badFolder();
    const run = await runBin(cwd, ["lint", "--format", "sarif"], { PATH: process.env.PATH ?? "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("in the SARIF log as errors");
    const log = JSON.parse(run.stdout);
    const [only] = log.runs;
    const byRule = (id: string) =>
      only.results.filter((r: { ruleId: string }) => r.ruleId === id).length;
    for (const id of [
      "not-utf8",
      "file-name-not-utf8",
      "yaml-aliases",
      "link-outside-folder",
      "too-large",
      "unreadable",
    ])
      expect(byRule(id), id).toBe(1);
    const ruleIds = only.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const result of only.results) expect(ruleIds).toContain(result.ruleId);
    const notUtf8 = only.results.find((r: { ruleId: string }) => r.ruleId === "not-utf8");
    expect(notUtf8.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "policies/latin1.yaml" },
      region: { startLine: 2, startColumn: 22 },
    });
  });
});
