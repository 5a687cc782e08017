import { PgBeamError } from "@pgbeam/policies-types";

/**
 * The client's errors: `JSON.stringify` keeps their name, message and own fields (status, code,
 * request id, host, …) but not `headers`, `body` or `cause`, which may be large. Every text in
 * them was redacted when the error was built, so the JSON form is safe to log.
 */
export class PgBeamClientError extends PgBeamError {
  override name = "PgBeamClientError";

  /** The error's name, message and own fields, without headers, body or cause. */
  override toJSON(): Record<string, unknown> {
    const { headers: _headers, body: _body, ...out } = super.toJSON();
    return out;
  }
}
