// Profile names to file names: inside the folder, reversible, and safe on every file system.
import { describe, expect, test } from "vitest";
import {
  caseFoldKey,
  fileBaseOf,
  maxBaseBytes,
  nameOfFileBase,
} from "../src/files/profile-file-name.js";

const hostile = [
  "../../x",
  "/abs",
  "a/b",
  "a\\b",
  "..",
  ".",
  "a\0b",
  "line\nbreak",
  "\u001b[2J\u001b[31mFAKE\u001b[0m",
  "C:evil",
  "nul",
  "CON",
  "trailing.",
  ".hidden",
  "name.test",
  "100%",
  "with space",
  "a~b",
  "é".repeat(128),
  "日".repeat(128),
];

describe("fileBaseOf", () => {
  test.each(hostile)("%j never reaches the file system as a path", (name) => {
    const base = fileBaseOf(name);
    for (const part of [`${base}.yaml`, `${base}.test.yaml`]) {
      expect(part).not.toMatch(/[/\\:\0]/u);
      expect(part.startsWith(".")).toBe(false);
      expect([...part].some((c) => (c.codePointAt(0) ?? 0) < 0x20)).toBe(false);
    }
    expect(base.endsWith(".")).toBe(false);
    expect(base.toLowerCase().endsWith(".test")).toBe(false);
    expect(["con", "nul", "prn", "aux"]).not.toContain(base.toLowerCase());
    expect(Buffer.byteLength(base)).toBeLessThanOrEqual(maxBaseBytes);
  });

  test.each(hostile)("%j decodes back, or says it cannot (a shortened name)", (name) => {
    const base = fileBaseOf(name);
    const decoded = nameOfFileBase(base);
    if (base.includes("~")) expect(decoded).toBeUndefined();
    else expect(decoded).toBe(name);
  });

  test("ordinary names stay readable", () => {
    expect(fileBaseOf("support")).toBe("support");
    expect(fileBaseOf("support.v2")).toBe("support.v2");
    expect(fileBaseOf("analytics_ro-1")).toBe("analytics_ro-1");
    expect(fileBaseOf("soporte-técnico")).toBe("soporte-técnico");
    expect(fileBaseOf("../../x")).toBe("%2E.%2F..%2Fx");
  });

  test("long names are cut with a digest: different names, different files", () => {
    const a = fileBaseOf(`${"é".repeat(127)}a`);
    const b = fileBaseOf(`${"é".repeat(127)}b`);
    expect(a).not.toBe(b);
    expect(a).toMatch(/~[0-9a-f]{16}$/);
  });

  test("names differing by case share a case-fold key", () => {
    expect(caseFoldKey(fileBaseOf("Support"))).toBe(caseFoldKey(fileBaseOf("support")));
    expect(caseFoldKey(fileBaseOf("support"))).not.toBe(caseFoldKey(fileBaseOf("support2")));
  });
});
