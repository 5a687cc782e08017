import { BufferedResponse } from "./buffered-response.js";
import { PgBeamResponseError } from "./errors.js";

const nullBodyStatuses = new Set([101, 204, 205, 304]);
const empty = new Uint8Array(0);

/**
 * Reads the whole body into memory, so the attempt's timeout covers it and a body cut off
 * mid-way fails here (where it can be retried). Refuses bodies over `maxBytes`.
 */
export async function bufferResponse(
  response: Response,
  maxBytes: number,
): Promise<BufferedResponse> {
  const { status } = response;
  if (nullBodyStatuses.has(status) || response.body === null) {
    await response.body?.cancel();
    return new BufferedResponse(empty, response);
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
      throw new PgBeamResponseError(
        `The ${status} response body is larger than maxResponseBytes (${maxBytes} bytes); raise maxResponseBytes if this is expected.`,
        status,
      );
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new BufferedResponse(
    chunks.length === 1 && chunks[0] ? chunks[0] : concat(chunks, size),
    response,
  );
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
