import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type CorsOrigins, corsHeaders, defaultCorsOrigins, preflightAnswer } from "./cors.js";
import type { MockRequest } from "./exchange.js";
import type { ListeningServer } from "./mock-core.js";
import { decodeChunks } from "./read-body.js";
import { isConnectionReset, type PolicyService } from "./service.js";

/** Serves the emulator over real HTTP with `node:http`, answering CORS preflights. */
export async function listen(
  service: PolicyService,
  port: number,
  host: string,
  corsOrigins: CorsOrigins | undefined,
): Promise<ListeningServer> {
  const origins = corsOrigins ?? defaultCorsOrigins(host);
  const server = createServer((req, res) => {
    void answer(service, origins, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `http://${shownHost}:${address.port}`, close: () => closeServer(server) };
}

async function answer(
  service: PolicyService,
  origins: CorsOrigins | "loopback",
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = fromIncoming(req, res);
  const preflight = preflightAnswer(origins, {
    method: request.method,
    pathname: request.url.pathname,
    header: request.header,
  });
  if (preflight !== undefined) {
    res.writeHead(preflight.status, preflight.headers);
    res.end();
    return;
  }
  const origin = request.header("origin");
  const cors = origin === null ? undefined : corsHeaders(origins, origin);
  try {
    const response = await service.handle(request);
    res.writeHead(
      response.status,
      cors === undefined ? response.headers : { ...response.headers, ...cors },
    );
    res.end(response.body);
  } catch (error) {
    if (isConnectionReset(error) || request.signal?.aborted) {
      req.socket.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json", ...cors });
    res.end(
      JSON.stringify({ error: { code: "internal_error", message: "The mock failed to answer." } }),
    );
  }
}

/** The emulator's view of a node:http request; the abort signal is made only if asked for. */
function fromIncoming(req: IncomingMessage, res: ServerResponse): MockRequest {
  let controller: AbortController | undefined;
  return {
    method: req.method ?? "GET",
    url: requestTarget(req.url ?? "/"),
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
    body(limit) {
      if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve({ ok: false });
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > limit) {
            // Read no further: stop listening and pause; the 413 closes the connection.
            req.off("data", onData).off("end", onEnd).pause();
            resolve({ ok: false });
            return;
          }
          chunks.push(chunk);
        };
        const onEnd = () => resolve({ ok: true, text: decodeChunks(chunks, size) });
        req.on("data", onData).once("end", onEnd).once("error", reject);
      });
    },
    get signal() {
      if (controller === undefined) {
        const created = new AbortController();
        controller = created;
        res.once("close", () => {
          if (!res.writableFinished) created.abort(new Error("the client went away"));
        });
      }
      return controller.signal;
    },
  };
}

/**
 * The path and query of a request target. The usual origin-form (`/v1/…?page_size=5`) is split
 * by hand, which costs a fraction of a `URL`; anything else goes through `URL`.
 */
function requestTarget(target: string): { pathname: string; searchParams: URLSearchParams } {
  if (!target.startsWith("/") || target.includes("/.") || target.includes("#"))
    return new URL(target, "http://localhost");
  const query = target.indexOf("?");
  return query === -1
    ? { pathname: target, searchParams: new URLSearchParams() }
    : {
        pathname: target.slice(0, query),
        searchParams: new URLSearchParams(target.slice(query + 1)),
      };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
