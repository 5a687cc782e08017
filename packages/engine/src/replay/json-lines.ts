/** Bytes as a web stream or any async iterable of chunks (a Node stream is one). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Options of `readJsonLines`. */
export interface JsonLinesOptions {
  /** Gunzip the bytes first: `true`, `false`, or (default) when they start with gzip's magic bytes. */
  gzip?: boolean;
}

/**
 * The lines of a JSON Lines export (UTF-8, optionally gzip, via `DecompressionStream`), one
 * string per line, blank ones included so that positions stay line numbers.
 */
export async function* readJsonLines(
  source: ByteSource,
  options: JsonLinesOptions = {},
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of decompressed(source, options.gzip)) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) yield line.endsWith("\r") ? line.slice(0, -1) : line;
  }
  rest += decoder.decode();
  if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}

/** True when the bytes start with gzip's magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if ("getReader" in source) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else yield* source;
}

async function* decompressed(
  source: ByteSource,
  gzip: boolean | undefined,
): AsyncGenerator<Uint8Array> {
  const chunks = chunksOf(source);
  const first = await chunks.next();
  if (first.done) return;
  if (!(gzip ?? isGzip(first.value))) {
    yield first.value;
    yield* chunks;
    return;
  }
  const inflate = new DecompressionStream("gzip");
  const writer = inflate.writable.getWriter();
  const pump = (async () => {
    await writer.write(first.value as Uint8Array<ArrayBuffer>);
    for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  pump.catch(() => {});
  yield* chunksOf(inflate.readable);
  await pump;
}
