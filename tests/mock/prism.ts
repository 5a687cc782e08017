import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { assertBundledSpecIsFresh, bundledSpecPath } from "./spec.js";

const require = createRequire(import.meta.url);
const prismPackage = require.resolve("@stoplight/prism-cli/package.json");
const prismBin = join(
  dirname(prismPackage),
  (require(prismPackage) as { bin: { prism: string } }).bin.prism,
);

/** A running Prism mock of the Policies API. */
export interface MockServer {
  /** Base URL to send requests to, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** Stops the mock: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link startMock}. */
export interface StartMockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** How long to wait for Prism to listen before giving up (default: `PGBEAM_MOCK_START_TIMEOUT_MS`, else 60 s). */
  startTimeoutMs?: number;
  /** Where the single progress line goes; `null` for silence. */
  log?: ((line: string) => void) | null;
}

const running = new Set<ChildProcess>();
let cleanupInstalled = false;

/** Makes sure no Prism outlives this process: on exit, and on Ctrl-C or a termination signal. */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
  const onSignal = (signal: NodeJS.Signals) => {
    void Promise.all([...running].map((child) => stopChild(child, 2000))).finally(() =>
      process.kill(process.pid, signal),
    );
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(killer);
      running.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The start-up limit from `PGBEAM_MOCK_START_TIMEOUT_MS`, or 60 s when it is unset or not a positive number. */
function startTimeoutFromEnv(): number {
  const value = Number(process.env.PGBEAM_MOCK_START_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 60_000;
}

/** Starts the real Prism CLI in mock mode on the bundled spec and resolves once it listens. */
export function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  return startPrism(["mock"], "mock", options);
}

/**
 * Starts Prism as a validating proxy in front of `upstream`: every request and response is
 * checked against the bundled spec, and with `--errors` a violation becomes an error answer.
 */
export function startProxy(upstream: string, options: StartMockOptions = {}): Promise<MockServer> {
  return startPrism(["proxy", "--errors"], `validating proxy to ${upstream}`, options, upstream);
}

async function startPrism(
  command: string[],
  what: string,
  options: StartMockOptions,
  upstream?: string,
): Promise<MockServer> {
  assertBundledSpecIsFresh();
  installCleanup();
  const host = options.host ?? "127.0.0.1";
  const port = options.port || (await freePort(host));
  const log = options.log === undefined ? (line: string) => console.error(line) : options.log;
  log?.(`Starting Prism ${what} of ${bundledSpecPath} on http://${host}:${port} …`);

  const args = [prismBin, ...command, "-h", host, "-p", String(port), bundledSpecPath];
  if (upstream !== undefined) args.push(upstream);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const url = `http://${host}:${port}`;
  const server: MockServer = { url, stop: (graceMs = 3000) => stopChild(child, graceMs) };

  let output = "";
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void server.stop(0);
      const busy = output.includes("EADDRINUSE");
      reject(
        new Error(
          busy
            ? `Port ${port} on ${host} is already in use: stop what listens there, or pick another port.`
            : `Prism did not start (${reason}). Its last output:\n${output.slice(-2000)}`,
        ),
      );
    };
    const limitMs = options.startTimeoutMs ?? startTimeoutFromEnv();
    const timer = setTimeout(
      () =>
        fail(
          `not listening after ${limitMs / 1000} s; a loaded machine may need more: set PGBEAM_MOCK_START_TIMEOUT_MS`,
        ),
      limitMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
  // Keep draining Prism's request log so its pipe never fills up.
  child.stdout?.removeAllListeners("data").resume();
  child.stderr?.removeAllListeners("data").resume();
  return server;
}
