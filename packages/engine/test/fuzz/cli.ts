// `pnpm fuzz [--seconds N] [--seed S]`: fuzzes the engine against PostgreSQL for N seconds
// (default 60) and writes each new finding, minimized, into test/fuzz/corpus/.
import { parseArgs } from "node:util";
import { fuzz, startFuzzTools } from "./fuzz-run.js";
import { addToRegressionCorpus, knownFindings } from "./regression-corpus.js";

const usage = "usage: pnpm fuzz [--seconds N] [--seed S] [--cases N] [--no-minimize]";

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(
      `--${name} must be a whole number of ${name === "seconds" ? "seconds" : "seed"} (got ${JSON.stringify(text)})\n${usage}`,
    );
    process.exit(2);
  }
  return value;
}

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      seconds: { type: "string" },
      seed: { type: "string" },
      cases: { type: "string" },
      "no-minimize": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (parsed.values.help === true) {
  console.log(usage);
  process.exit(0);
}
const seconds = positiveInteger("seconds", parsed.values.seconds as string | undefined, 60);
const cases =
  parsed.values.cases === undefined
    ? undefined
    : positiveInteger("cases", parsed.values.cases as string, 0);
const seed = positiveInteger(
  "seed",
  parsed.values.seed as string | undefined,
  Date.now() % 2 ** 31,
);

console.log(
  cases === undefined
    ? `fuzzing for ${seconds} s with --seed ${seed}`
    : `fuzzing ${cases} cases with --seed ${seed}`,
);
const tools = await startFuzzTools();
try {
  const stats = await fuzz(tools, {
    seed,
    seconds: cases === undefined ? seconds : Math.max(seconds, 24 * 3600),
    ...(cases === undefined ? {} : { cases }),
    minimize: parsed.values["no-minimize"] !== true,
    known: knownFindings(),
    onProgress: (s) =>
      console.log(
        `${s.generated} generated, ${s.executed} run on PostgreSQL, ${s.findings.length} findings`,
      ),
    onFinding: (finding) => {
      const { file, added } = addToRegressionCorpus(finding);
      console.log(
        `${added ? "NEW" : "known"} finding under ${finding.policy}: ${finding.sql}\n  ${finding.leaked.join("\n  ")}\n  → test/fuzz/corpus/${file}`,
      );
    },
  });
  const { findings, mutations, ...counts } = stats;
  console.log(
    JSON.stringify(
      { ...counts, findings: findings.length, restarts: tools.oracle.restarts },
      null,
      2,
    ),
  );
  console.log(JSON.stringify(mutations, null, 2));
  process.exitCode = findings.length > 0 ? 1 : 0;
} finally {
  await tools.stop();
}
