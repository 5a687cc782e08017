import { createPolicyClient, PgBeamError, type PolicyClient } from "@pgbeam/policies-client";
import { cliWording } from "./client-wording.js";
import type { Settings } from "./config.js";
import { type CliIo, UsageError } from "./io.js";
import { visible } from "./terminal/visible.js";

/** The most one attempt may take: a call of the default budget gets two. */
const perAttemptMs = 30_000;

function accepts(build: () => unknown): boolean {
  try {
    build();
    return true;
  } catch {
    return false;
  }
}

/**
 * The API client for this run. The key comes only from PGBEAM_API_KEY; an option the client
 * refuses becomes a usage error in the CLI's words (`--base-url`, `PGBEAM_API_KEY`; or
 * `--allow-insecure-http`, when plain http to a host that is not loopback is all that is wrong:
 * the client decides what loopback is).
 */
export function apiClient(io: CliIo, settings: Settings): PolicyClient {
  const apiKey = io.env.PGBEAM_API_KEY;
  if (apiKey === undefined || apiKey.trim() === "")
    throw new UsageError("No API key: set PGBEAM_API_KEY (it is never read from a flag).");
  const options = {
    apiKey,
    allowInsecureHttp: settings.allowInsecureHttp,
    totalTimeoutMs: settings.timeoutMs,
    timeoutMs: Math.min(perAttemptMs, settings.timeoutMs),
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
  };
  try {
    return createPolicyClient(options);
  } catch (error) {
    if (!(error instanceof PgBeamError)) throw error;
    if (
      !settings.allowInsecureHttp &&
      accepts(() => createPolicyClient({ ...options, allowInsecureHttp: true }))
    )
      throw new UsageError(
        `--base-url ${visible(String(settings.baseUrl))} uses plain http to a host that is not loopback, which would send your API key unencrypted: use https, or pass --allow-insecure-http if the network is trusted.`,
      );
    throw new UsageError(visible(cliWording(error, settings)));
  }
}
