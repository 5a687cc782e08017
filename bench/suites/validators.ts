// Validators: ours (precompiled) vs Ajv compiling the same schema at run time vs an equivalent zod 4 schema.
import { validatePolicyProfile, validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { exampleOf, spec } from "@pgbeam/spec-testing";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compare, measureInterleaved, type Row } from "../measure.js";
import { zodPolicyProfile, zodPolicyProfileInput } from "../zod-schemas.js";

function runtimeAjv() {
  const defs = JSON.parse(
    JSON.stringify((spec.components as { schemas: unknown }).schemas).replaceAll(
      '"#/components/schemas/',
      '"#/$defs/',
    ),
  );
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
  ajv.addSchema({ $id: "pgbeam", $defs: defs });
  return (name: string) => {
    const check = ajv.getSchema(`pgbeam#/$defs/${name}`);
    if (!check) throw new Error(`no schema ${name}`);
    return (value: unknown) => (check(value) ? true : check.errors);
  };
}

/** Reads every message of a result, as a caller that reports them does. */
function readIssues(result: { ok: boolean; issues?: readonly { message: string }[] }): number {
  let length = 0;
  for (const issue of result.issues ?? []) length += issue.message.length;
  return length;
}

/** Runs valid and invalid inputs through the three validators of two schemas. */
export async function validatorSpeed(): Promise<Row[]> {
  const ajv = runtimeAjv();
  const cases = [
    { schema: "PolicyProfileInput", ours: validatePolicyProfileInput, zod: zodPolicyProfileInput },
    { schema: "PolicyProfile", ours: validatePolicyProfile, zod: zodPolicyProfile },
  ];
  const rows: Row[] = [];
  for (const { schema, ours, zod } of cases) {
    const valid = exampleOf(schema, "supportReadWrite");
    const invalid = {
      ...valid,
      name: "",
      access_mode: "read_mostly",
      max_rows: -1,
      masking_rules: [{ table: "t", kind: "blur" }],
    };
    const ajvCheck = ajv(schema);
    if (
      ours(valid).ok !== true ||
      zod.safeParse(valid).success !== true ||
      ajvCheck(valid) !== true
    ) {
      throw new Error(`the contenders disagree on the valid ${schema}`);
    }
    for (const [label, value] of [
      ["valid", valid],
      ["invalid", invalid],
    ] as const) {
      const names = {
        ours: `${schema} ${label}: ours`,
        read: `${schema} ${label}: ours, issues read`,
        ajv: `${schema} ${label}: Ajv compiled at run time`,
        zod: `${schema} ${label}: zod 4`,
      };
      // A failed result writes its messages when `issues` is first read; the "issues read" row
      // pays for them, as zod's safeParse (which builds its issues at once) always does.
      const tasks: Record<string, () => unknown> = {
        [names.ours]: () => ours(value),
        [names.ajv]: () => ajvCheck(value),
        [names.zod]: () => zod.safeParse(value),
      };
      if (label === "invalid") tasks[names.read] = () => readIssues(ours(value));
      // Interleaved rounds: a change of load on the VM moves all contenders alike.
      const results = await measureInterleaved(tasks);
      const ajvTarget = label === "valid" ? 1 : 3;
      const withRead = label === "invalid" ? [names.ours, names.read] : [names.ours];
      rows.push(
        ...compare("validators", results, names.ajv, withRead, { [names.ours]: ajvTarget }),
        ...compare("validators", results, names.zod, withRead, { [names.ours]: 0.2 }),
      );
    }
  }
  return rows;
}
