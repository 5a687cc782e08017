import {
  AuthenticationError,
  PgBeamApiError,
  PgBeamArgumentError,
  PgBeamRedirectError,
  PgBeamTimeoutError,
  UnrecognizedResponseError,
} from "@pgbeam/policies-client";
import type { Settings } from "./config.js";

/** Milliseconds as seconds, without a needless fraction. */
const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

/** Where a CLI user sets the API origin. */
const baseUrlSetting = "--base-url (or PGBEAM_BASE_URL)";

/** Each client option a refusal can name, as the CLI spells it (a flag or an environment variable). */
const settingOf: Record<string, string> = { baseUrl: baseUrlSetting, apiKey: "PGBEAM_API_KEY" };

function hasCredentials(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return false;
  }
}

/** A refused client option in the CLI's terms: the flag or variable, never the client's option name. */
function argumentWording(error: PgBeamArgumentError, settings: Settings | undefined): string {
  const setting = settingOf[error.argument] ?? error.argument;
  if (error.argument === "baseUrl" && hasCredentials(settings?.baseUrl))
    return `${baseUrlSetting} must not carry credentials (user:password@): the CLI reads the API key only from PGBEAM_API_KEY.`;
  const reason = error.message.replace(/^Invalid client option: /, "");
  const named = `${error.argument} `;
  return reason.startsWith(named)
    ? `${setting} ${reason.slice(named.length)}`
    : `${setting}: ${reason}`;
}

/** The client's message without the hint that names its own options (`hint`), then the CLI's. */
function withBaseUrlHint(
  error: { message: string; hint: string | undefined },
  hint: string,
): string {
  const own = error.hint === undefined ? error.message : error.message.replace(error.hint, "");
  return `${own} ${hint}`;
}

/**
 * The CLI's wording of an error the client threw, the one place that maps the client's options
 * (`baseUrl`, `apiKey`) to the CLI's flags and variables. `settings`, when known, tells a base URL
 * with credentials in it from other refusals. Never prints the key.
 */
export function cliWording(error: unknown, settings?: Settings): string {
  if (error instanceof PgBeamArgumentError) return argumentWording(error, settings);
  if (error instanceof AuthenticationError)
    return `${error.message} Check PGBEAM_API_KEY: the API did not accept it.`;
  if (error instanceof UnrecognizedResponseError)
    return withBaseUrlHint(error, `Is ${baseUrlSetting} the Policies API's origin?`);
  if (error instanceof PgBeamRedirectError)
    return withBaseUrlHint(error, `Check ${baseUrlSetting}.`);
  if (error instanceof PgBeamTimeoutError)
    return `The API at ${error.host} did not answer in time: each API call may take ${seconds(settings?.timeoutMs ?? error.timeoutMs)} s, retries included. Raise it with --timeout SECONDS (or PGBEAM_TIMEOUT) if the API is slow, or check ${baseUrlSetting}.`;
  if (error instanceof PgBeamApiError && error.status >= 500 && error.requestId !== undefined)
    return error.message.includes(error.requestId)
      ? error.message
      : `${error.message} (request_id ${error.requestId}: quote it when reporting this)`;
  return error instanceof Error ? error.message : String(error);
}
