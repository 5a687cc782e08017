// Node, Bun and Deno: run the checks and print them as one JSON line.
import { runChecks } from "./checks.mjs";

const env = (name) => globalThis.process?.env[name] ?? globalThis.Deno?.env.get(name);
console.log(JSON.stringify(await runChecks({ baseUrl: env("BASE_URL"), project: env("PROJECT") })));
