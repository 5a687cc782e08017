import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the test server received it. */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers request number `n` (0-based); may write anything, or nothing at all. */
export type Script = (n: number, request: Recorded, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1, port 0, that records every request. */
export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Starts a loopback server that answers with `script`. */
export async function startServer(script: Script): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(recorded);
      script(requests.length - 1, recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON response. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** An error envelope as the API sends it. */
export function envelope(
  code: string,
  message: string,
): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** An RFC 9457 problem document as the API (0.3.4 and later) sends one. */
export function problemDocument(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const slug = code.toLowerCase().replaceAll("_", "-");
  return {
    type: `https://pgbeam.com/docs/api/errors/${slug}`,
    title: code.charAt(0) + code.slice(1).toLowerCase().replaceAll("_", " "),
    status,
    code,
    detail,
    ...extra,
  };
}

/** Writes a problem document with its media type, `application/problem+json`. */
export function problem(
  res: ServerResponse,
  status: number,
  code: string,
  detail: string,
  extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
): void {
  res.writeHead(status, { "content-type": "application/problem+json", ...extra.headers });
  res.end(JSON.stringify(problemDocument(status, code, detail, extra.body)));
}
