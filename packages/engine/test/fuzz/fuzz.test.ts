// The differential fuzzer in `pnpm test`: every finding of the regression corpus replays (each
// must now be blocked or leak nothing), then a fixed-seed slice of generated statements runs
// against PostgreSQL and must find nothing the corpus does not already hold. A leak the fuzzer
// found is therefore reported once, by its corpus file: on an engine that still has it, the
// replay of that file fails and the slice (which knows the generated statement) does not.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FuzzTools, fuzz, startFuzzTools } from "./fuzz-run.js";
import { Generator } from "./generator.js";
import { judge } from "./judge.js";
import { policySettings } from "./policies.js";
import { Random } from "./random.js";
import { knownFindings, readRegressionCorpus } from "./regression-corpus.js";
import { seedPool } from "./seeds.js";
import { readVocabulary } from "./vocabulary.js";

/** The slice's seed and size: about 30 s of work on a loaded two-core machine. */
const sliceSeed = 20261207;
const sliceCases = 600;

let tools: FuzzTools;

beforeAll(async () => {
  tools = await startFuzzTools();
}, 180_000);

afterAll(async () => {
  await tools?.stop();
});

describe("the fuzzer's regression corpus leaks nothing", () => {
  const corpus = readRegressionCorpus();
  test("the corpus reads", () => {
    for (const { entry } of corpus) expect(entry.found_as.sql.length).toBeGreaterThan(0);
  });
  test.each(corpus.map(({ file, entry }) => [file, entry] as const))(
    "%s",
    async (_, entry) => {
      const judgement = await judge(tools.engine, tools.oracle, entry.sql, entry.policy);
      expect(
        judgement.kind === "leak" ? judgement.leaks : [],
        `${entry.policy}: ${entry.sql}`,
      ).toEqual([]);
    },
    120_000,
  );
});

describe("the differential fuzzer, fixed seed", () => {
  test("the same seed generates the same statements", async () => {
    const vocabulary = await readVocabulary((sql) => tools.oracle.catalog(sql), policySettings);
    const cases = () => {
      const generator = new Generator(new Random(sliceSeed), vocabulary, seedPool());
      return Array.from({ length: 100 }, () => generator.next());
    };
    const first = cases();
    expect(first.filter((c) => c !== undefined).length).toBeGreaterThan(50);
    expect(cases()).toEqual(first);
  });

  test(`${sliceCases} generated statements under every fuzz policy find no new leak`, async () => {
    const stats = await fuzz(tools, {
      seed: sliceSeed,
      cases: sliceCases,
      minimize: false,
      known: knownFindings(),
    });
    const found = stats.findings.map((f) => `[${f.policy}] ${f.sql}\n  ${f.leaked.join("\n  ")}`);
    expect(found, "run `pnpm fuzz --seed 20261207 --cases 600` to add them to the corpus").toEqual(
      [],
    );
    expect(stats.executed).toBeGreaterThan(sliceCases / 4);
  }, 300_000);
});
