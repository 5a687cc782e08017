import { PgBeamArgumentError } from "./errors.js";
import { etagOf } from "./etag-header.js";
import type { RequestOptions } from "./request-options.js";

/** A read's data with the `ETag` of that representation, to send back as `ifNoneMatch` or `ifMatch`. */
export interface Tagged<T> {
  /** False: the server sent the data. */
  readonly notModified: false;
  /** What was read. */
  readonly data: T;
  /** The representation's ETag, when the server sent one. */
  readonly etag: string | undefined;
}

/** A 304 to a read with `ifNoneMatch`: the copy the caller holds is still current. */
export interface NotModified {
  /** True: nothing changed since the tag the caller sent. */
  readonly notModified: true;
  /** No data comes with a 304. */
  readonly data: undefined;
  /** The current ETag (the server repeats it on a 304). */
  readonly etag: string | undefined;
}

/** Options of a read that may be conditional. */
export interface ConditionalReadOptions extends RequestOptions {
  /** Tag(s) of a copy you hold: when one still matches, the read resolves to {@link NotModified}. */
  ifNoneMatch?: string | undefined;
}

/** Options of an update (`updatePolicyProfile`, `approvalRules.update`). */
export interface UpdateRequestOptions extends RequestOptions {
  /**
   * ETag of the resource as you read it: the update happens only if nobody changed it since, else
   * a `PreconditionFailedError` (412) carries the current tag. Omit it for last-writer-wins.
   */
  ifMatch?: string | undefined;
}

/** Options of a read-modify-write (`modifyPolicyProfile`, `approvalRules.modify`): per-call options for each read and write, and the attempt bound. */
export interface ModifyOptions extends RequestOptions {
  /** Read-modify-write rounds before giving up with `PgBeamConcurrentUpdateError` (default 5, at most 100). */
  maxAttempts?: number | undefined;
}

/** Options of `modifyPolicyProfile` (the same as every modify's). */
export type ModifyPolicyProfileOptions = ModifyOptions;

/** The {@link Tagged} or {@link NotModified} result of a read, from its data and response. */
export function taggedResult<T>(data: T | undefined, response: Response): Tagged<T> | NotModified {
  const etag = etagOf(response.headers);
  return data === undefined
    ? { notModified: true, data: undefined, etag }
    : { notModified: false, data, etag };
}

/**
 * Checks an entity-tag option: a non-empty string an HTTP header can carry (visible ASCII, spaces
 * and tabs between tags of a list). The API's own limits on it are left to the API.
 */
export function checkEntityTag(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "string" || value.trim() === "") {
    throw new PgBeamArgumentError(
      name,
      `${name} must be a non-empty string, an ETag as a read returned it (got ${value === "" ? '""' : typeof value}).`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code > 0x7e) {
      throw new PgBeamArgumentError(
        name,
        `${name} has a character at position ${i} that an HTTP header cannot carry; pass the ETag exactly as a read returned it.`,
      );
    }
  }
}
