/** What every runtime gets: the throw-away project holding the installed tarballs and the checks. */
export interface MatrixContext {
  /** The project folder: node_modules with the packed packages, and `app/` with the entries. */
  project: string;
  /** The emulator's HTTP server, running in this (Node) process. */
  baseUrl: string;
  /** The parser's WebAssembly bytes, as installed. */
  wasmBytes: Uint8Array<ArrayBuffer>;
}

/** Each runtime's own project on the shared emulator, so that their profiles never meet. */
export function projectFor(runtime: string): string {
  return `prj_${runtime.replace(/[^a-zA-Z0-9]/g, "")}`;
}

/** The query string a page or worker reads its checks' settings from. */
export function checksQuery(context: MatrixContext, runtime: string): string {
  return new URLSearchParams({ base: context.baseUrl, project: projectFor(runtime) }).toString();
}
