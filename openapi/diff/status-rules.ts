import type { Impact } from "./classify.js";

type Json = Record<string, unknown>;

/** Request headers that make a server answer 304 instead of the representation. */
const conditionalReadHeaders = ["if-none-match", "if-modified-since"];

/**
 * How adding a documented response status affects client users.
 *
 * - A new 2xx is breaking: a success the client reads may now come with another status and body.
 * - A new 304 is non-breaking when the operation declares a conditional-read header: only a client
 *   that sends that header can receive it. Without one, a read may now answer with no body: breaking.
 * - A new 4xx or 5xx is non-breaking: it documents a failure that any HTTP answer could already be
 *   (a client must handle an unexpected error status), and typed clients only gain a case.
 * - Any other 3xx is breaking (a redirect the client must follow or refuse).
 */
export function statusAdded(status: string, params: readonly Json[]): [Impact, string] {
  const code = Number(status);
  if (code >= 400) return ["non-breaking", `error response status ${status} documented`];
  if (code === 304) {
    const conditional = params.some(
      (p) => p.in === "header" && conditionalReadHeaders.includes(String(p.name).toLowerCase()),
    );
    if (conditional)
      return ["non-breaking", "response status 304 added (sent only to conditional reads)"];
  }
  return ["breaking", `response status ${status} added`];
}
