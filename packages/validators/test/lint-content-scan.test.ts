import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import { lintPolicyProfile } from "../src/index.js";

const base: PolicyProfileInput = {
  name: "scan",
  access_mode: "read_only",
  budget_queries_per_hour: 100,
  max_rows: 500,
};

function fired(profile: PolicyProfileInput, code: string) {
  return lintPolicyProfile(profile).findings.filter((f) => f.code === code);
}

describe("scan-budget-without-scanning", () => {
  test("a scan budget with scanning off is dead (off is also the default)", () => {
    for (const profile of [
      { ...base, content_scan_max_bytes: 1_048_576 },
      { ...base, content_scan_mode: "off", content_scan_max_bytes: 1 } as const,
    ]) {
      expect(fired(profile, "scan-budget-without-scanning")).toEqual([
        expect.objectContaining({ severity: "warning", path: "/content_scan_max_bytes" }),
      ]);
    }
  });

  test("quiet when scanning is on, or when the budget is the default 0", () => {
    expect(
      fired(
        { ...base, content_scan_mode: "annotate", content_scan_max_bytes: 1 },
        "scan-budget-without-scanning",
      ),
    ).toEqual([]);
    expect(fired({ ...base, content_scan_max_bytes: 0 }, "scan-budget-without-scanning")).toEqual(
      [],
    );
  });
});

describe("masked-columns-unscanned", () => {
  const masked: PolicyProfileInput = {
    ...base,
    masking_rules: [
      { table: "customers", column: "email", kind: "hash" },
      { table: "customers", column: "notes", kind: "redact" },
    ],
  };

  test("under block, masked columns are said to count as unscanned", () => {
    const [finding] = fired({ ...masked, content_scan_mode: "block" }, "masked-columns-unscanned");
    expect(finding).toMatchObject({ severity: "info", path: "/masking_rules" });
    expect(finding?.message).toContain("2 masked columns are not scanned");
    expect(finding?.message).toContain("count as unscanned, never as clean");
  });

  test("quiet under annotate and off, and without masks", () => {
    expect(fired({ ...masked, content_scan_mode: "annotate" }, "masked-columns-unscanned")).toEqual(
      [],
    );
    expect(fired(masked, "masked-columns-unscanned")).toEqual([]);
    expect(fired({ ...base, content_scan_mode: "block" }, "masked-columns-unscanned")).toEqual([]);
  });
});

describe("content-block-after-writes", () => {
  const writer: PolicyProfileInput = {
    ...base,
    access_mode: "read_write",
    table_allowlist: ["tickets"],
    max_affected_rows: 10,
    content_scan_mode: "block",
  };

  test("block under read_write with committing writes: a withheld result does not undo them", () => {
    expect(fired(writer, "content-block-after-writes")).toEqual([
      expect.objectContaining({ severity: "info", path: "/content_scan_mode" }),
    ]);
  });

  test("quiet when writes do not commit, or cannot run", () => {
    expect(fired({ ...writer, write_mode: "rollback" }, "content-block-after-writes")).toEqual([]);
    expect(fired({ ...writer, write_mode: "sandbox" }, "content-block-after-writes")).toEqual([]);
    expect(fired({ ...writer, access_mode: "read_only" }, "content-block-after-writes")).toEqual(
      [],
    );
  });
});
