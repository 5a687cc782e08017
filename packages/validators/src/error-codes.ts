import { type OperationId, operationTable } from "@pgbeam/policies-types";

/**
 * The error codes each operation's error responses document, by status (`x-error-codes`), read
 * from the generated operation table of `@pgbeam/policies-types` (the one place they live).
 */
export const errorCodesByOperation: Readonly<
  Record<OperationId, Readonly<Record<string, readonly string[]>>>
> = /* @__PURE__ */ (() =>
  Object.fromEntries(
    Object.entries(operationTable).map(([id, facts]) => [
      id,
      facts.errorCodes as Record<string, readonly string[]>,
    ]),
  ) as Record<OperationId, Readonly<Record<string, readonly string[]>>>)();

/** The first error code any operation documents for each error status (e.g. 404 → NOT_FOUND). */
export const errorCodeByStatus: Readonly<Record<string, string>> = /* @__PURE__ */ (() => {
  const first: Record<string, string> = {};
  for (const byStatus of Object.values(errorCodesByOperation))
    for (const [status, codes] of Object.entries(byStatus))
      if (!(status in first) && codes[0] !== undefined) first[status] = codes[0];
  return first;
})();
