// Cold start on Node, Bun and Deno: `<runtime> cold-process.mjs <program>` runs one program.
const program = (globalThis.Deno?.args ?? globalThis.process.argv.slice(2))[0];
const { run } = await import(`./cold-${program}.mjs`);
await run();
