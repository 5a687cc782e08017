// Generates src/spec-facts.gen.ts from the bundled spec: the facts the emulator needs that neither
// the operation table (@pgbeam/policies-types) nor the validators' generated code carry (problem
// types and titles per code, the fields of each request body, the recommendation defaults). Runs
// under tsx: the spec comes from @pgbeam/codegen's one reader, the file goes out through its
// write-or-check helper (--check writes nothing and fails when the file is stale).
import { fileURLToPath } from "node:url";
import { generatedHeader, readSpec, writeGenerated } from "@pgbeam/codegen";

const spec = readSpec().document;
const target = fileURLToPath(new URL("../src/spec-facts.gen.ts", import.meta.url));

function stop(message) {
  console.error(`spec-facts: ${message}`);
  process.exit(1);
}

/** Every problem example in the spec's responses: code → { type, title }. */
function exampleProblems() {
  const found = {};
  const responses = [
    ...Object.values(spec.components?.responses ?? {}),
    ...Object.values(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => Object.values(op?.responses ?? {})),
    ),
  ];
  for (const response of responses) {
    const media = response?.content?.["application/problem+json"];
    for (const example of Object.values(media?.examples ?? {})) {
      const { code, type, title } = example.value ?? {};
      if (typeof code !== "string") continue;
      const earlier = found[code];
      if (earlier !== undefined && (earlier.type !== type || earlier.title !== title))
        stop(`the examples of ${code} disagree on its type or title`);
      found[code] = { type, title };
    }
  }
  return found;
}

/**
 * Type and title of every known code. A code without an example gets the catalog address and
 * title the examples follow (checked against every example, so a spec that breaks the pattern
 * fails here instead of drifting).
 */
function problemTypes() {
  const examples = exampleProblems();
  const codes = spec.components.schemas.ErrorCode["x-extensible-enum"];
  const slug = (code) => code.toLowerCase().replaceAll("_", "-");
  const words = (code) => {
    const text = code.toLowerCase().replaceAll("_", " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const sample = Object.entries(examples)[0];
  if (sample === undefined) stop("the spec has no problem examples to read the catalog from");
  const base = sample[1].type.slice(0, sample[1].type.length - slug(sample[0]).length);
  for (const [code, { type, title }] of Object.entries(examples)) {
    if (type !== `${base}${slug(code)}`)
      stop(`${code}'s type ${type} does not follow ${base}<code>`);
    if (title.toLowerCase() !== words(code).toLowerCase())
      stop(`${code}'s title "${title}" is not its code in words`);
  }
  return Object.fromEntries(
    codes.map((code) => [
      code,
      examples[code] ?? { type: `${base}${slug(code)}`, title: words(code) },
    ]),
  );
}

/** The number a spec description states (its first capture group), or a stop naming what is missing. */
function number(description, pattern, what) {
  const found = pattern.exec(description ?? "");
  if (found === null) stop(`the spec no longer states ${what} (${pattern} in "${description}")`);
  return Number(found[1]);
}

const recommendation = spec.components.schemas.PolicyRecommendationInput.properties;
const replayWindowDays = number(
  spec.components.schemas.PolicyReplayInput.properties.start_ts?.description,
  /Defaults to (\d+) days before/,
  "the replay window",
);

/** The top-level fields of a schema, through $ref, allOf, oneOf and anyOf. */
function fieldsOfSchema(schema, seen = new Set()) {
  if (schema?.$ref !== undefined) {
    const name = schema.$ref.split("/").at(-1);
    if (seen.has(name)) return [];
    seen.add(name);
    return fieldsOfSchema(spec.components.schemas[name], seen);
  }
  const branches = [...(schema?.allOf ?? []), ...(schema?.oneOf ?? []), ...(schema?.anyOf ?? [])];
  return [
    ...new Set([
      ...Object.keys(schema?.properties ?? {}),
      ...branches.flatMap((branch) => fieldsOfSchema(branch, seen)),
    ]),
  ];
}

/** The top-level fields of each operation's request body, by operation id. */
function requestBodyFields() {
  const byOperation = {};
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      const schema = op?.requestBody?.content?.["application/json"]?.schema;
      if (typeof op?.operationId === "string" && schema !== undefined)
        byOperation[op.operationId] = fieldsOfSchema(schema);
    }
  }
  return byOperation;
}

const text = `${generatedHeader("scripts/generate.mjs")}
/** The catalog type URI and the title of every known error code (from the spec's problem examples). */
export const problemTypes: Readonly<Record<string, { type: string; title: string }>> = ${JSON.stringify(problemTypes())};

/** The top-level fields of each operation's request body (to name the fields of a rule between them). */
export const requestBodyFields: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(requestBodyFields())};

/** The documented defaults of PolicyRecommendationInput. */
export const recommendationDefaults = ${JSON.stringify({
  lookback_days: recommendation.lookback_days.default,
  limit: recommendation.limit.default,
})} as const;

/** The default length of a replay's window ("defaults to ${replayWindowDays} days before \`end_ts\`"), in days. */
export const replayWindowDays = ${replayWindowDays};
`;

writeGenerated([{ path: target, text }], { owner: "@pgbeam/policies-mock" });
