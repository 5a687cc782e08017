import { operationTable } from "@pgbeam/policies-types";
import { fail } from "./problem.js";
import type { PolicyService } from "./service.js";
import { firstAfter } from "./store.js";

/** One page of a list: its items and the token of the next page (absent on the last). */
export interface ListPage<T> {
  items: T[];
  next: string | undefined;
}

/** What paging reads from a list call: the service (for its tokens) and the query. */
interface PagedCall {
  service: PolicyService;
  query: { page_size?: number; page_token?: string };
}

/**
 * The page a list call asks for, over creation sequence numbers in ascending order. Tokens are
 * signed for `scope` (a project's list), so one list's token is refused by another.
 */
export async function listPage<T>(
  operationId: "listPolicyProfiles" | "listApprovalRules",
  { service, query }: PagedCall,
  scope: string,
  order: readonly number[],
  itemOf: (seq: number) => T,
): Promise<ListPage<T>> {
  const pageSize = query.page_size ?? operationTable[operationId].queryParameters.page_size.default;
  let after = 0;
  if (query.page_token !== undefined) {
    const decoded = await service.tokens.decode(scope, query.page_token);
    if (decoded === undefined) {
      fail(400, "Invalid page_token: it is not a token this project's list returned.", {
        errors: [{ field: "page_token", detail: "not a token this project's list returned" }],
      });
    }
    after = decoded;
  }
  const start = firstAfter(order, after);
  const seqs = order.slice(start, start + pageSize);
  const last = seqs.at(-1);
  const more = start + pageSize < order.length;
  return {
    items: seqs.map(itemOf),
    next: more && last !== undefined ? await service.tokens.encode(scope, last) : undefined,
  };
}
