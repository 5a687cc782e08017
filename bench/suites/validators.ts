// Validators: ours (precompiled) vs Ajv compiling the same schema at run time vs an equivalent zod 4 schema.
import { validatePolicyProfile, validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { exampleOf, spec } from "@pgbeam/spec-testing";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compare, measure, type Row } from "../measure.js";
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
        ajv: `${schema} ${label}: Ajv compiled at run time`,
        zod: `${schema} ${label}: zod 4`,
      };
      const results = await measure({
        [names.ours]: () => ours(value),
        [names.ajv]: () => ajvCheck(value),
        [names.zod]: () => zod.safeParse(value),
      });
      rows.push(
        ...compare("validators", results, names.ajv, [names.ours], { [names.ours]: 1 }),
        ...compare("validators", results, names.zod, [names.ours], { [names.ours]: 0.2 }),
      );
    }
  }
  return rows;
}
