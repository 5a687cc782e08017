// What a first release publishes installs with each package manager users have: the packed
// tarballs (whose dependencies on each other are `^0.0.0`, not on the registry yet), installed
// together with pnpm and with bun, then loaded and used. npm is packed.test.ts's install.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { installPackedPackages, type PackageManager } from "./install-packed.js";
import { mswVersions } from "./msw-versions.js";

/** Bun from its npm package (linux-x64 only), as the runtime matrix gets it. */
function bunBinary(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  try {
    const manifest = createRequire(import.meta.url).resolve("@oven/bun-linux-x64/package.json");
    return join(dirname(manifest), "bin", "bun");
  } catch {
    return undefined;
  }
}

const bun = bunBinary();
const projects: string[] = [];

afterAll(() => {
  for (const project of projects) rmSync(project, { recursive: true, force: true });
});

// Every package, from ESM, in the installed layout: the client against the in-process mock,
// which loads the engine for its dry evaluation.
const smoke = `import { createPolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { mswHandlers } from "@pgbeam/policies-mock/msw";
import { specVersion } from "@pgbeam/policies-types";
import { validatePolicyProfileInput } from "@pgbeam/policies-validators";
const mock = createPolicyMock();
const pgbeam = createPolicyClient({ apiKey: "pgb_managers", fetch: mock.fetch });
const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "managers", access_mode: "read_only" });
const verdict = await pgbeam.policies.dryEvalPolicy("prj_1", { sql: "DELETE FROM t", policy_id: created.id });
console.log(JSON.stringify({ verdict: verdict.verdict, valid: validatePolicyProfileInput({ name: "x" }).ok, spec: typeof specVersion.sha256, handlers: mswHandlers(mock).length > 0 }));
`;

const managers: { manager: PackageManager; binary: string | undefined }[] = [
  { manager: "pnpm", binary: "pnpm" },
  { manager: "bun", binary: bun },
];

describe.each(managers)("$manager", ({ manager, binary }) => {
  test.skipIf(binary === undefined)(
    `installs the packed tarballs together, and they work${binary === undefined ? " (skipped: @oven/bun-linux-x64 ships for linux-x64 and is not installed here)" : ""}`,
    async () => {
      const project = mkdtempSync(join(tmpdir(), `pgbeam-${manager}-`));
      projects.push(project);
      // msw for the MSW entry, as the mock's users install it beside the mock.
      await installPackedPackages(project, { msw: mswVersions[2] }, manager, {
        [manager]: binary,
      });
      writeFileSync(join(project, "smoke.mjs"), smoke);
      const { stdout } = await promisify(execFile)(process.execPath, ["smoke.mjs"], {
        cwd: project,
      });
      expect(JSON.parse(stdout)).toEqual({
        verdict: "block",
        valid: true,
        spec: "string",
        handlers: true,
      });
    },
    300_000,
  );
});
