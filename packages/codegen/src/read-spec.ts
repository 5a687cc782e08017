import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Json } from "./json.js";

/** The bundled spec as a generator reads it. */
export interface BundledSpec {
  /** The parsed document. */
  document: Json;
  /** The file's bytes, exactly as bundled (what `specVersion.sha256` is computed from). */
  bytes: Buffer;
  /** Where the bundle lives on disk. */
  path: string;
}

const require = createRequire(import.meta.url);

/** Reads `@pgbeam/policies-openapi/openapi.json` (run `pnpm --filter @pgbeam/policies-openapi build` first). */
export function readSpec(): BundledSpec {
  const path = require.resolve("@pgbeam/policies-openapi/openapi.json");
  const bytes = readFileSync(path);
  return { document: JSON.parse(bytes.toString("utf8")) as Json, bytes, path };
}
