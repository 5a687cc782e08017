import { PgBeamResponseError } from "./errors.js";

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Reads the whole body into memory (so the attempt's timeout covers it and a cut-off body is
 * seen here) and returns an equivalent, fully buffered Response. Refuses bodies over `maxBytes`.
 */
export async function bufferResponse(response: Response, maxBytes: number): Promise<Response> {
  const { status, statusText, headers } = response;
  if (nullBodyStatuses.has(status) || response.body === null) {
    await response.body?.cancel();
    return new Response(null, { status, statusText, headers });
  }
  const tooLarge = () =>
    new PgBeamResponseError(
      `The ${status} response body is larger than maxResponseBytes (${maxBytes} bytes); raise maxResponseBytes if this is expected.`,
      status,
    );
  if (Number(headers.get("content-length")) > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const reader = response.body.getReader();
  // Fetch bodies are backed by plain ArrayBuffers, never shared ones.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  const bytes = chunks.length === 1 ? chunks[0] : concat(chunks, size);
  return new Response(bytes, { status, statusText, headers });
}

function concat(chunks: Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
