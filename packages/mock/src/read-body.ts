// Reading a request body with a byte limit, stopping as soon as it is exceeded.

/** What reading a body with a limit gave: its text, or the news that it was too large. */
export type LimitedBody = { ok: true; text: string } | { ok: false };

/** Reads a Web stream up to `limit` bytes; cancels it (reads no further) when it is longer. */
export async function readWebBody(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<LimitedBody> {
  if (stream === null) return { ok: true, text: "" };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: decodeChunks(chunks, size) };
}

/** The UTF-8 text of some chunks of `size` bytes in all. */
export function decodeChunks(chunks: readonly Uint8Array[], size: number): string {
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
