/** Which entries a replay reads, as `replayPolicy`'s input picks them. */
export interface TrafficFilter {
  /** Start of the window, inclusive (RFC 3339 or a Date); default: the oldest entry. */
  start_ts?: string | Date;
  /** End of the window, exclusive; default: after the newest entry. */
  end_ts?: string | Date;
  /** Only the traffic of this agent credential. */
  credential_id?: string;
  /**
   * Only the traffic of these credentials: those bound to the profile under review (offline, the
   * list stands for `bound_policy_id`). The summary then says `traffic_scope: bound_credentials`.
   */
  bound_credentials?: readonly string[];
}

/** A filter checked and reduced to what each entry is compared with. */
export interface CompiledFilter {
  startMs: number;
  endMs: number;
  /** Credentials whose traffic counts; undefined: every entry. */
  credentials: ReadonlySet<string> | undefined;
}

/** Checks a filter and compiles it; throws a `TypeError` naming the field that is wrong. */
export function compileFilter(filter: TrafficFilter): CompiledFilter {
  if (filter.credential_id !== undefined && filter.bound_credentials !== undefined)
    throw new TypeError(
      "replay: give credential_id or bound_credentials, not both: each one picks the traffic to replay.",
    );
  if (filter.credential_id !== undefined && typeof filter.credential_id !== "string")
    throw new TypeError("replay: credential_id must be a string.");
  if (
    filter.bound_credentials !== undefined &&
    (!Array.isArray(filter.bound_credentials) ||
      filter.bound_credentials.some((id) => typeof id !== "string"))
  )
    throw new TypeError("replay: bound_credentials must be a list of credential ids (strings).");
  const startMs = instant("start_ts", filter.start_ts, Number.NEGATIVE_INFINITY);
  const endMs = instant("end_ts", filter.end_ts, Number.POSITIVE_INFINITY);
  if (startMs >= endMs) throw new TypeError("replay: start_ts must be before end_ts.");
  const credentials =
    filter.credential_id !== undefined
      ? new Set([filter.credential_id])
      : filter.bound_credentials === undefined
        ? undefined
        : new Set(filter.bound_credentials);
  return { startMs, endMs, credentials };
}

function instant(field: string, value: string | Date | undefined, absent: number): number {
  if (value === undefined) return absent;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms))
    throw new TypeError(`replay: ${field} must be an RFC 3339 date-time (got ${String(value)}).`);
  return ms;
}

/** True when an entry at `atMs` of `credential` is in the filter's window and scope. */
export function passes(
  filter: CompiledFilter,
  atMs: number,
  credential: string | null | undefined,
): boolean {
  if (atMs < filter.startMs || atMs >= filter.endMs) return false;
  return filter.credentials === undefined || filter.credentials.has(credential ?? "");
}
