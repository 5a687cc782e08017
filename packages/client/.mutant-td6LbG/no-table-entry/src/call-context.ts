import type { OperationId } from "@pgbeam/policies-types";
import type { AttemptOptions } from "./transport.js";

/**
 * Everything one call of a client method carries and learns, in one object: the settings the
 * transport applies (timeouts, retries, the operation's retry safety), the body as serialized
 * (to resend it), and what came back (the request sent last, its status, how retries ended).
 */
export interface CallContext extends AttemptOptions {
  /** The operation being called. */
  readonly operation: OperationId;
  /** The request sent last (its method and URL name the call in errors). */
  target: { method: string; url: string } | undefined;
  /** The status of the last response, 0 before there is one. */
  status: number;
}
