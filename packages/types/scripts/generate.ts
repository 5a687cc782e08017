// Generates, from the bundled spec:
//   src/policies.gen.ts         the types, by openapi-typescript
//   src/operation-table.gen.ts  the runtime facts of every operation, keyed by OperationId
//   src/spec-version.gen.ts     which spec they were generated from (its version and SHA-256)
// With --check, writes nothing and fails when any of them is stale.
import { fileURLToPath } from "node:url";
import { readSpec, writeGenerated } from "@pgbeam/codegen";
import { operationTableSource } from "./operation-table-source.js";
import { specVersionSource } from "./spec-version-source.js";
import { typesSource } from "./types-source.js";

const at = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));
const spec = readSpec();
writeGenerated(
  [
    { path: at("policies.gen.ts"), text: await typesSource(spec.document) },
    { path: at("operation-table.gen.ts"), text: operationTableSource(spec.document) },
    { path: at("spec-version.gen.ts"), text: specVersionSource(spec) },
  ],
  { owner: "@pgbeam/policies-types" },
);
