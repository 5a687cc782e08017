// `pnpm mock`: the Prism mock on a fixed port for anyone to curl; Ctrl-C stops it.
import { startMock } from "./prism.js";

const port = Number(process.env.PGBEAM_MOCK_PORT ?? 4010);
const mock = await startMock({ port });
console.error(`Mock of the PgBeam Policies API listening on ${mock.url} (Ctrl-C to stop).`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void mock.stop().then(() => process.exit(0)));
}
