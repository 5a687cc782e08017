/** `1 profile`, `2 profiles`: a count with its noun, never `profile(s)`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
