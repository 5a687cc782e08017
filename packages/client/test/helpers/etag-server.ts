import type { PolicyProfile } from "@pgbeam/policies-types";
import { profile } from "./fixtures.js";
import { json, problem, type Recorded, startServer, type TestServer } from "./server.js";

/** A loopback server holding one profile, with ETags, `If-None-Match` (304) and `If-Match` (412). */
export interface ETagServer extends TestServer {
  /** The profile as stored now. */
  current(): PolicyProfile;
  /** The stored profile's ETag now. */
  etag(): string;
  /** How many writes were refused with 412. */
  refused(): number;
}

/** Does an `If-None-Match` / `If-Match` list (or `*`) name `etag`? */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== "string") return false;
  return header.split(",").some((tag) => tag.trim() === "*" || tag.trim() === etag);
}

/**
 * Starts the server. Each GET of the profile answers after `readDelayMs`, so that writers who
 * start together read the same version; `policies` lists the one profile.
 */
export async function startETagServer(readDelayMs = 0): Promise<ETagServer> {
  let stored = profile("pol_1", "shared");
  let version = 1;
  let refused = 0;
  const etag = () => `"v${version}"`;
  const answer = (request: Recorded, res: Parameters<Parameters<typeof startServer>[0]>[2]) => {
    if (request.method === "GET") {
      const headers = { etag: etag() };
      if (matches(request.headers["if-none-match"], etag())) {
        res.writeHead(304, headers).end();
        return;
      }
      const body = request.path.endsWith("/policies") ? { policies: [stored] } : stored;
      json(res, 200, body, headers);
      return;
    }
    if (request.method === "PUT") {
      const ifMatch = request.headers["if-match"];
      if (ifMatch !== undefined && !matches(ifMatch, etag())) {
        refused++;
        problem(res, 412, "PRECONDITION_FAILED", "The profile changed since you read it.", {
          headers: { etag: etag() },
        });
        return;
      }
      stored = { ...stored, ...JSON.parse(request.body), id: stored.id };
      version++;
      json(res, 200, stored);
      return;
    }
    problem(res, 405, "METHOD_NOT_ALLOWED", "not here");
  };
  const server = await startServer((_, request, res) => {
    if (request.method === "GET" && readDelayMs > 0)
      setTimeout(() => answer(request, res), readDelayMs);
    else answer(request, res);
  });
  return { ...server, current: () => stored, etag, refused: () => refused };
}
