import { PgBeamError, PgBeamResponseError } from "./errors.js";

/** One page of a list: its items under some key, and the token of the next page. */
export type Page = { next_page_token?: string | undefined };

/** Fetches one page given the previous page's `next_page_token` (undefined for the first). */
export type PageFetcher<P extends Page> = (pageToken: string | undefined) => Promise<P>;

// Pages that hold no item yet point to another: a server making no progress, after this many.
const maxEmptyPages = 10;

/**
 * Yields every item of every page, fetching a page only when iteration reaches it. Stops with
 * an error when the server makes no progress: a token seen before, a page that repeats the one
 * before it, or a run of empty pages with fresh tokens. Memory stays constant.
 */
export async function* paginate<Item, P extends Page>(
  fetchPage: PageFetcher<P>,
  itemsKey: keyof P & string,
): AsyncGenerator<Item, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  let previousFirst: string | undefined;
  let emptyRun = 0;
  do {
    const page = await fetchPage(token);
    const items: unknown = page[itemsKey];
    if (!Array.isArray(items)) {
      throw new PgBeamResponseError(
        `The list response's ${itemsKey} is ${items === null ? "null" : typeof items}, not an array.`,
        200,
      );
    }
    const first = (items[0] as { id?: unknown } | undefined)?.id;
    if (typeof first === "string" && first === previousFirst) {
      throw new PgBeamError(
        "The server returned the same page twice under different tokens; stopping to avoid an endless loop.",
      );
    }
    previousFirst = typeof first === "string" ? first : undefined;
    emptyRun = items.length === 0 ? emptyRun + 1 : 0;
    yield* items as Item[];
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
