import type { ListPolicyProfilesResponse, PolicyProfile } from "@pgbeam/policies-types";
import { PgBeamError } from "./errors.js";

/** Fetches one page given the previous page's `next_page_token` (undefined for the first). */
export type PageFetcher = (pageToken: string | undefined) => Promise<ListPolicyProfilesResponse>;

/** Yields every profile of every page, fetching a page only when iteration reaches it. */
export async function* paginate(
  fetchPage: PageFetcher,
): AsyncGenerator<PolicyProfile, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield* page.policies;
    token = page.next_page_token || undefined;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new PgBeamError(
          `The server returned page token ${JSON.stringify(token)} twice; stopping to avoid an endless loop.`,
        );
      }
      seen.add(token);
    }
  } while (token !== undefined);
}
