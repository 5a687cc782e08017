/** Where a byte sequence stops being UTF-8: the offending byte and its place in the text. */
export interface NotUtf8 {
  /** Offset of the first byte of the invalid sequence. */
  byteOffset: number;
  /** That byte's value. */
  byte: number;
  /** 1-based line and column (in characters) of that byte, counted over the valid text before it. */
  line: number;
  col: number;
}

const decodes = (bytes: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
};

/**
 * The bytes decoded as UTF-8, strictly: never a U+FFFD in place of a bad byte, but where the
 * first invalid sequence starts. A leading byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { notUtf8: NotUtf8 } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    // The longest prefix that still decodes (a sequence cut at its end is not yet an error).
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (decodes(bytes.subarray(0, middle))) low = middle;
      else high = middle - 1;
    }
    // The mark is kept here so that the byte count includes it.
    const before = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(0, low),
      { stream: true },
    );
    const byteOffset = Buffer.byteLength(before, "utf8");
    const lines = before.replace(/^\uFEFF/, "").split("\n");
    return {
      notUtf8: {
        byteOffset,
        byte: bytes[byteOffset] ?? 0,
        line: lines.length,
        col: [...(lines.at(-1) ?? "")].length + 1,
      },
    };
  }
}
