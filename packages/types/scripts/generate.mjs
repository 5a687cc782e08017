// Generates src/policies.gen.ts from the bundled spec with openapi-typescript.
// With --check, writes nothing and fails when the committed file is stale.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");

const cli = join(dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
const args = [
  cli,
  require.resolve("@pgbeam/policies-openapi/openapi.json"),
  "--redocly",
  fileURLToPath(new URL("../../../openapi/redocly.yaml", import.meta.url)),
  "--output",
  "src/policies.gen.ts",
  // A field with a default is optional on the wire; the caller applies the default.
  "--default-non-nullable",
  "false",
  "--root-types",
  "--root-types-no-schema-prefix",
  ...(check ? ["--check"] : []),
];

const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
if (run.status !== 0) {
  if (check) console.error("@pgbeam/policies-types is stale against openapi/: run `pnpm gen`.");
  process.exit(run.status ?? 1);
}
