// Ships the bundled spec in dist/ (exported as @pgbeam/policies-types/openapi.json), byte for
// byte the file specVersion.sha256 was computed from.
import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
copyFileSync(
  require.resolve("@pgbeam/policies-openapi/openapi.json"),
  new URL("../dist/openapi.json", import.meta.url),
);
