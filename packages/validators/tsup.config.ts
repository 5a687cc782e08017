import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

// Two entries: validation, middleware and lint (index), and the policy semantics (policy/index).
export default defineConfig({
  ...libraryBuild,
  entry: { index: "src/index.ts", "policy/index": "src/policy/index.ts" },
});
