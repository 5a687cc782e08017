import type { ReplayProgress } from "@pgbeam/policies-engine";
import type { CliIo } from "../io.js";

/** The progress line of a long read: shown on stderr when stdout is a terminal, else nothing. */
export interface ProgressLine {
  /** Pass as the engine's `onProgress`; undefined when not on a terminal. */
  onProgress: ((progress: ReplayProgress) => void) | undefined;
  /** Clears the line. */
  done(): void;
}

const number = (n: number) => n.toLocaleString("en-US");

/** Entries read, distinct shapes, rate, and the ETA from the file's size. */
export function progressLine(io: CliIo, fileSize: number): ProgressLine {
  if (!io.isTTY) return { onProgress: undefined, done: () => {} };
  const started = Date.now();
  let shown = false;
  return {
    onProgress(progress) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = Math.round(progress.entriesRead / seconds);
      let text: string;
      if (progress.phase === "judging")
        text = `judging ${number(progress.judged ?? 0)} of ${number(progress.distinctShapes)} distinct queries`;
      else {
        const read = progress.bytesRead ?? 0;
        const eta =
          read > 0 && fileSize > read
            ? `, about ${Math.ceil((seconds * (fileSize - read)) / read)} s left`
            : "";
        const shapes = `${number(progress.distinctShapes)}${progress.bytesRead === undefined ? "" : "+"}`;
        text = `read ${number(progress.entriesRead)} entries, ${shapes} distinct queries, ${number(rate)} entries/s${eta}`;
      }
      io.stderr(`\r\u001b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr("\r\u001b[2K");
    },
  };
}
