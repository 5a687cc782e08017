/** How every published package is built: ESM and CommonJS with declarations, for ES2022. */
export const libraryBuild = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  dts: true,
  clean: true,
  target: "es2022",
};
