import type { TrafficFilter } from "../traffic-filter.js";

/** The filter fields of some options, as plain data a worker thread can receive (dates as text). */
export function plainFilter(options: TrafficFilter): TrafficFilter {
  const text = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);
  const { start_ts, end_ts, credential_id, bound_credentials } = options;
  return {
    ...(start_ts === undefined ? {} : { start_ts: text(start_ts) }),
    ...(end_ts === undefined ? {} : { end_ts: text(end_ts) }),
    ...(credential_id === undefined ? {} : { credential_id }),
    ...(bound_credentials === undefined ? {} : { bound_credentials: [...bound_credentials] }),
  };
}
