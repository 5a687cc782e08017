// Runs the named example programs against a Prism mock started from the spec, then stops it.
// With PGBEAM_BASE_URL set, runs them against that server instead and starts no mock.
import { startMock } from "@pgbeam/contract-tests/mock";

const names = process.argv.slice(2);
const mock = process.env.PGBEAM_BASE_URL ? undefined : await startMock();
if (mock) {
  process.env.PGBEAM_BASE_URL = mock.url;
  process.env.PGBEAM_API_KEY ??= "pgb_mock_key";
  console.log(
    "The mock answers each call with the spec's examples, so replies do not echo what was sent.",
  );
}

let failed = false;
try {
  for (const name of names) {
    console.log(`\n━━ examples/${name}.ts ━━`);
    await import(`./${name}.ts`);
  }
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
} finally {
  await mock?.stop();
}
process.exitCode = failed ? 1 : 0;
