// The text of src/spec-version.gen.ts: which spec the package was generated from.
import { createHash } from "node:crypto";
import { type BundledSpec, generatedHeader } from "@pgbeam/codegen";

/** The `specVersion` constant: `info.version` and the SHA-256 of the bundled file. */
export function specVersionSource(spec: BundledSpec): string {
  const { version } = spec.document.info as { version: string };
  return `${generatedHeader("scripts/generate.ts")}/** The spec these types were generated from: its \`info.version\` and the SHA-256 of the bundled file. */
export const specVersion = {
  version: ${JSON.stringify(version)},
  sha256: "${createHash("sha256").update(spec.bytes).digest("hex")}",
} as const;
`;
}
