// CORS for the emulator's HTTP server: a browser app on another origin (a Vite dev server, say)
// may call `mock.listen()`'s URL. Pure functions of the request's headers; no Node builtins.
import { operationSchemas } from "@pgbeam/policies-validators";
import { allowedMethods } from "./route.js";

/** Which origins may call the server: any, or the listed ones. */
export type CorsOrigins = "*" | readonly string[];

/** Every header the spec's responses declare, plus the emulator's own: readable from another origin. */
const exposedHeaders = [
  ...new Set([
    ...operationSchemas.flatMap((op) =>
      Object.values(op.responseHeaders).flatMap((headers) => Object.keys(headers)),
    ),
    "Idempotent-Replayed",
    "Allow",
  ]),
].join(", ");

/** The request headers a preflight allows when it names none: auth, the body's type, the spec's. */
const allowedHeaders = [
  ...new Set([
    "Authorization",
    "Content-Type",
    ...operationSchemas.flatMap((op) => op.requestHeaders ?? []),
  ]),
].join(", ");

/** Hosts that name this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** The origins allowed by default: any while bound to loopback; loopback origins otherwise. */
export function defaultCorsOrigins(boundHost: string): CorsOrigins | "loopback" {
  return isLoopbackHost(boundHost) ? "*" : "loopback";
}

function allows(origins: CorsOrigins | "loopback", origin: string): boolean {
  if (origins === "*") return true;
  if (origins === "loopback") {
    try {
      return isLoopbackHost(new URL(origin).hostname);
    } catch {
      return false;
    }
  }
  return origins.includes(origin);
}

/** The CORS headers of an answer to a request from `origin` (none when it is not allowed). */
export function corsHeaders(
  origins: CorsOrigins | "loopback",
  origin: string | null,
): Record<string, string> {
  if (origin === null || !allows(origins, origin)) return {};
  return {
    "access-control-allow-origin": origins === "*" ? "*" : origin,
    "access-control-expose-headers": exposedHeaders,
    ...(origins === "*" ? {} : { vary: "Origin" }),
  };
}

/**
 * The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`): 204 with the
 * methods the spec defines for the path and the headers asked for, or 403 without CORS headers
 * when the origin is not allowed; undefined when the request is not a preflight.
 */
export function preflightAnswer(
  origins: CorsOrigins | "loopback",
  request: { method: string; pathname: string; header(name: string): string | null },
): { status: number; headers: Record<string, string> } | undefined {
  if (request.method !== "OPTIONS") return undefined;
  const origin = request.header("origin");
  const methods = allowedMethods(request.pathname);
  if (origin === null || request.header("access-control-request-method") === null) {
    return undefined;
  }
  if (!allows(origins, origin) || methods.length === 0) return { status: 403, headers: {} };
  return {
    status: 204,
    headers: {
      ...corsHeaders(origins, origin),
      "access-control-allow-methods": methods.join(", "),
      "access-control-allow-headers":
        request.header("access-control-request-headers") ?? allowedHeaders,
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    },
  };
}
