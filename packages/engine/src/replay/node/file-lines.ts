import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { isGzip } from "../json-lines.js";

/** A run of whole lines of the export, with the number of its first line. */
export interface LineBlock {
  bytes: Uint8Array;
  firstLine: number;
  /** Newlines in the block. */
  lines: number;
}

/** A file opened for reading as blocks of lines. */
export interface LineFile {
  /** The file's size on disk (compressed when gzip), for progress and ETA. */
  size: number;
  gzip: boolean;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  /** Starts reading: the file's blocks of whole lines, in order. */
  blocks(): AsyncGenerator<LineBlock>;
}

/** The size of a block handed to a worker. */
const blockBytes = 1 << 20;

/** Opens a JSON Lines file (gzip when it starts with gzip's magic bytes) as blocks of whole lines. */
export async function openLineFile(path: string, gzip?: boolean): Promise<LineFile> {
  const { size } = await stat(path);
  const handle = await open(path, "r");
  const head = new Uint8Array(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const zipped = gzip ?? isGzip(head);
  let stream: ReturnType<typeof createReadStream> | undefined;
  const blocks = () => {
    // Bytes read are the stream's own count: a "data" listener would make it flow, unpaced.
    stream = createReadStream(path, { highWaterMark: blockBytes });
    const bytes: AsyncIterable<Buffer> = zipped
      ? stream.pipe(createGunzip({ chunkSize: 256 * 1024 }))
      : stream;
    return blocksOf(bytes);
  };
  return { size, gzip: zipped, bytesRead: () => stream?.bytesRead ?? 0, blocks };
}

async function* blocksOf(source: AsyncIterable<Buffer>): AsyncGenerator<LineBlock> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  const cut = (final: boolean): LineBlock | undefined => {
    const joined = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    const end = final ? joined.length : joined.lastIndexOf(10) + 1;
    if (end === 0) return undefined;
    const bytes = new Uint8Array(end);
    bytes.set(joined.subarray(0, end));
    const rest = joined.subarray(end);
    pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    pendingBytes = rest.length;
    let lines = 0;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
    const block = { bytes, firstLine: line, lines };
    line += lines;
    return block;
  };
  for await (const chunk of source) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < blockBytes) continue;
    const block = cut(false);
    if (block !== undefined) yield block;
  }
  if (pendingBytes > 0) {
    const block = cut(true);
    if (block !== undefined) yield block;
  }
}
