// The msw versions the packed packages are tested with, pinned once: msw 2 is the mock's own
// devDependency, msw 3 this package's (`msw-3`, an alias, so that it never stands in for msw 2).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const mockManifest = fileURLToPath(new URL("../../packages/mock/package.json", import.meta.url));
const { devDependencies } = JSON.parse(readFileSync(mockManifest, "utf8")) as {
  devDependencies: Record<string, string>;
};
const msw2 = devDependencies.msw;
if (msw2 === undefined) throw new Error("the mock has no dev dependency on msw");

/** msw's version for each major the mock's handlers support. */
export const mswVersions = {
  2: msw2,
  3: (createRequire(import.meta.url)("msw-3/package.json") as { version: string }).version,
} as const;

/** An msw major the mock's handlers support. */
export type MswMajor = keyof typeof mswVersions;
