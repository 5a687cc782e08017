import type { ListPolicyProfilesResponse, PolicyProfile } from "@pgbeam/policies-types";
import { PgBeamError, PgBeamResponseError } from "./errors.js";

/** Fetches one page given the previous page's `next_page_token` (undefined for the first). */
export type PageFetcher = (pageToken: string | undefined) => Promise<ListPolicyProfilesResponse>;

// Pages that hold no profile yet point to another: a server making no progress, after this many.
const maxEmptyPages = 10;

/**
 * Yields every profile of every page, fetching a page only when iteration reaches it. Stops with
 * an error when the server makes no progress: a token seen before, a page that repeats the one
 * before it, or a run of empty pages with fresh tokens. Memory stays constant.
 */
export async function* paginate(
  fetchPage: PageFetcher,
): AsyncGenerator<PolicyProfile, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  let previousFirst: string | undefined;
  let emptyRun = 0;
  do {
    const page = await fetchPage(token);
    const { policies } = page as { policies?: unknown };
    if (!Array.isArray(policies)) {
      throw new PgBeamResponseError(
        `The list response's policies is ${policies === null ? "null" : typeof policies}, not an array.`,
        200,
      );
    }
    const first = (policies[0] as { id?: unknown } | undefined)?.id;
    if (typeof first === "string" && first === previousFirst) {
      throw new PgBeamError(
        "The server returned the same page twice under different tokens; stopping to avoid an endless loop.",
      );
    }
    previousFirst = typeof first === "string" ? first : undefined;
    emptyRun = policies.length === 0 ? emptyRun + 1 : 0;
    yield* policies as PolicyProfile[];
    const next: unknown = page.next_page_token;
    if (next !== undefined && next !== null && typeof next !== "string") {
      throw new PgBeamResponseError(
        `The list response's next_page_token is ${typeof next}, not a string.`,
        200,
      );
    }
    token = next || undefined;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new PgBeamError(
          `The server returned page token ${JSON.stringify(token)} twice; stopping to avoid an endless loop.`,
        );
      }
      if (emptyRun >= maxEmptyPages) {
        throw new PgBeamError(
          `The server returned ${emptyRun} empty pages in a row, each with a new token; stopping.`,
        );
      }
      seen.add(token);
    }
  } while (token !== undefined);
}
