import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installPackedPackages } from "@pgbeam/contract-tests/install-packed";
import { mswVersions } from "@pgbeam/contract-tests/msw-versions";

const app = fileURLToPath(new URL("../app", import.meta.url));

/**
 * A throw-away project with the packed packages installed and the checks in `app/`; `msw` is the
 * version of msw installed beside them (default: the one the mock tests with), `extra` more
 * packages from the registry.
 */
export async function createMatrixProject(
  msw: string = mswVersions[2],
  extra: Record<string, string> = {},
): Promise<{
  project: string;
  wasmBytes: Uint8Array<ArrayBuffer>;
}> {
  const project = mkdtempSync(join(tmpdir(), "pgbeam-runtimes-"));
  try {
    // msw is the mock's optional peer, installed as its users do.
    await installPackedPackages(project, { msw, ...extra });
  } catch (error) {
    rmSync(project, { recursive: true, force: true });
    throw error;
  }
  cpSync(app, join(project, "app"), { recursive: true });
  const resolve = createRequire(join(project, "package.json")).resolve;
  const wasmBytes = readFileSync(resolve("@pgbeam/policies-engine/libpg-query.wasm"));
  return { project, wasmBytes };
}

/** The emulator's HTTP server from the installed tarball (its Node build), on loopback. */
export async function startEmulator(
  project: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const resolve = createRequire(join(project, "package.json")).resolve;
  const { createPolicyMock } = (await import(resolve("@pgbeam/policies-mock/node"))) as {
    createPolicyMock(options?: { apiKey?: string }): {
      listen(port?: number, host?: string): Promise<string>;
      close(): Promise<void>;
    };
  };
  const mock = createPolicyMock({ apiKey: "pgb_runtime" });
  const url = await mock.listen(0, "127.0.0.1");
  return { url, close: () => mock.close() };
}
