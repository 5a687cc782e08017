export { type Binary, binaryIn, chromiumBinary } from "./binaries.js";
export { bundleWithEsbuild } from "./browser-builds.js";
export { closeChromium, runPage } from "./chromium.js";
export { bundleForEdge, startEdgeRuntime } from "./edge-runtime.js";
export { createMatrixProject } from "./project.js";
export { processRuntimes } from "./server-runtimes.js";
export { bundleWorker, startWorker } from "./workerd.js";
