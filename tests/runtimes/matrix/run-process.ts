import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs a runtime's binary on a script in the project and returns what it printed. */
export async function runProcess(
  binary: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<string> {
  try {
    const { stdout } = await run(binary, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${binary} ${args.join(" ")} failed: ${failed.message}\n${failed.stderr ?? ""}`,
    );
  }
}
