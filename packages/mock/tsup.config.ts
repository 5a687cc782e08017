import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

// Four entries: the Web build (index), the Node build with node:http (node), the MSW handlers
// (msw, the only one that imports msw), and the bin.
export default defineConfig({
  ...libraryBuild,
  entry: ["src/index.ts", "src/node.ts", "src/msw.ts", "src/cli.ts"],
});
