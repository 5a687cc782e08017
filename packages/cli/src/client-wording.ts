import {
  AuthenticationError,
  PgBeamArgumentError,
  PgBeamRedirectError,
  UnrecognizedResponseError,
} from "@pgbeam/policies-client";
import type { Settings } from "./config.js";

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

/** The client's message without its closing hint about its own `baseUrl` option, then the CLI's. */
function withBaseUrlHint(message: string, hint: string): string {
  const stripped = message
    .replace(/; is baseUrl the Policies API\?\)$/, ")")
    .replace(/ \(check baseUrl\)\.$/, ".");
  return `${stripped} ${hint}`;
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
    return withBaseUrlHint(error.message, `Is ${baseUrlSetting} the Policies API's origin?`);
  if (error instanceof PgBeamRedirectError)
    return withBaseUrlHint(error.message, `Check ${baseUrlSetting}.`);
  return error instanceof Error ? error.message : String(error);
}
