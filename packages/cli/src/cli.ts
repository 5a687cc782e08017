#!/usr/bin/env node
// pgbeam-policies: policies as code for PgBeam.
import { createInterface } from "node:readline/promises";
import { run } from "./program.js";
import { processInterrupt } from "./terminal/interrupt.js";

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  interrupt: processInterrupt(
    (text) => process.stderr.write(text),
    () => process.exit(1),
  ),
  ...(process.stdin.isTTY
    ? {
        confirm: async (question: string) => {
          const prompt = createInterface({ input: process.stdin, output: process.stdout });
          // Ctrl-C at the question goes to the process's own handler: it exits at once.
          prompt.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
          const answer = await prompt.question(`${question} [y/N] `);
          prompt.close();
          return answer.trim().toLowerCase().startsWith("y");
        },
      }
    : {}),
};

process.exitCode = await run(process.argv.slice(2), io);
