// Uses the built package: worker threads run dist/replay-worker.js.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { replayAuditLog } from "../../src/index.js";
import { sampleEntries } from "./traffic.js";

type NodeEntry = typeof import("../../src/node.js");
const dist = (await import("../../dist/node.js" as string)) as NodeEntry;

const folder = mkdtempSync(join(tmpdir(), "pgbeam-replay-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Many entries over a few shapes, with bad lines spread through them. */
function bigExport(): string[] {
  const lines: string[] = [];
  const base = sampleEntries();
  for (let i = 0; i < 6_000; i++) {
    const entry = base[i % base.length];
    if (i % 1_000 === 17) lines.push("{cut off");
    lines.push(
      JSON.stringify({
        ...entry,
        ts: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
        ...(entry?.sql === undefined ? {} : { sql: entry.sql.replace(/\d+/, String(i)) }),
      }),
    );
  }
  return lines;
}

describe("replayAuditLogFile", () => {
  const lines = bigExport();
  const plain = join(folder, "traffic.jsonl");
  const zipped = join(folder, "traffic.jsonl.gz");
  writeFileSync(plain, `${lines.join("\n")}\n`);
  writeFileSync(zipped, gzipSync(`${lines.join("\n")}\n`));
  const policy = {
    name: "review",
    access_mode: "read_only" as const,
    table_denylist: ["customers"],
  };

  test("workers give the same answer as one thread, plain or gzip", async () => {
    const expected = await replayAuditLog(lines, { policy });
    expect(expected.skipped.byReason.invalid_json).toBe(6);
    for (const [path, workers] of [
      [plain, 2],
      [zipped, 2],
      [plain, 1],
      [zipped, 0],
    ] as const) {
      const seen: string[] = [];
      const answer = await dist.replayAuditLogFile(path, {
        policy,
        workers,
        onProgress: (progress) => seen.push(progress.phase),
      });
      expect(answer).toEqual(expected);
      expect(seen.at(-1)).toBe("judging");
    }
  });

  test("the CommonJS entry starts the same workers", async () => {
    const required = createRequire(import.meta.url)("../../dist/node.cjs") as NodeEntry;
    const answer = await required.replayAuditLogFile(plain, { policy, workers: 1, limit: 2 });
    expect(answer.result.summary).toMatchObject({ evaluated: 2, truncated: true });
  });

  test("a recommendation from a file, across workers", async () => {
    const { recommendation } = await dist.recommendFromAuditLogFile(plain, {
      credential_id: "agt_a",
      workers: 2,
    });
    expect(recommendation).toMatchObject({
      sufficient_history: true,
      candidate: { access_mode: "read_write", table_allowlist: ["tickets"] },
    });
    expect(recommendation.replay?.summary.newly_blocked).toBe(0);
  });

  test("bad options are refused before any worker starts", async () => {
    await expect(dist.replayAuditLogFile(plain, { policy, workers: -1 })).rejects.toThrow(
      /workers/,
    );
    await expect(
      dist.replayAuditLogFile(join(folder, "missing.jsonl"), { policy }),
    ).rejects.toThrow(/ENOENT/);
  });
});
