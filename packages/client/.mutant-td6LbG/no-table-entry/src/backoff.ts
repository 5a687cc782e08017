const initialDelayMs = 500;
const maxDelayMs = 8000;

/** Delay before retry number `retry` (1-based): 0.5 s doubling to 8 s, minus up to 25 % jitter. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** (retry - 1));
  return Math.round(base * (1 - 0.25 * random()));
}
