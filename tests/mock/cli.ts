// `pnpm mock`: the Prism mock on a fixed port for anyone to curl; Ctrl-C stops it (and Prism with it);
// PGBEAM_MOCK_PORT picks another port.
import { startMock } from "./prism.js";

const port = Number(process.env.PGBEAM_MOCK_PORT ?? 4010);
try {
  const mock = await startMock({ port });
  console.error(`Mock of the PgBeam Policies API listening on ${mock.url} (Ctrl-C to stop).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
