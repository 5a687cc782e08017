/** Milliseconds as an error message says them: `30 s`, `1.5 s`, `0.2 s`. */
export function seconds(ms: number): string {
  return `${Math.round(Math.max(0, ms) / 100) / 10} s`;
}
