import { createPolicyMock } from "@pgbeam/policies-mock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeBlockFiles } from "../src/block-files.js";
import { allCodeBlocks } from "../src/markdown-blocks.js";
import { mismatch } from "../src/result-notation.js";
import { takeReported } from "../src/result-reporter.js";
import { typeErrors } from "../src/type-check.js";
import { runRegistered } from "../src/vitest-shim.js";

const files = writeBlockFiles(allCodeBlocks());
const mock = createPolicyMock();

beforeAll(async () => {
  // Blocks that call `createPolicyClient()` with no options reach the emulator through the environment.
  process.env.PGBEAM_BASE_URL = await mock.listen();
  process.env.PGBEAM_API_KEY = "pgb_readme_blocks";
});
afterAll(() => mock.close());

test("the READMEs have TypeScript blocks to check", () => {
  expect(files.length).toBeGreaterThan(5);
});

test("every TypeScript block of every README type-checks as written", () => {
  expect(typeErrors(files)).toEqual([]);
});

describe.each(files.map((f) => [`${f.block.file}:${f.block.line}`, f] as const))(
  "%s",
  (_, file) => {
    const { notRun } = file.block;
    if (notRun !== undefined) {
      test(`is only type-checked: ${notRun}`, () => expect(notRun).not.toBe(""));
      return;
    }
    test("runs against the emulator, and its result comments hold", async () => {
      mock.reset();
      takeReported();
      await import(file.runFile);
      await runRegistered();
      const reported = takeReported();
      const problems = file.results.flatMap((result, index) => {
        const where = `${file.block.file}:${file.block.line + result.line} // ${result.text}`;
        const runs = reported.get(index);
        if (!runs) return [`${where}: the statement never ran`];
        return runs.flatMap((values) => {
          if (values.length !== result.expected.length)
            return [`${where}: ${values.length} values, not ${result.expected.length}`];
          return result.expected.flatMap((expected, i) => {
            const found = mismatch(expected, values[i]);
            return found ? [`${where}: ${found}`] : [];
          });
        });
      });
      expect(problems).toEqual([]);
    });
  },
);
