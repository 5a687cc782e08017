// Our RFC 3339 date-time check against ajv-formats' full one (the reference it replaced).
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isDateTime, isUri } from "../src/formats.js";

const reference = fullFormats["date-time"] as { validate: (value: string) => boolean };

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const dateTimeLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.integer({ min: 0, max: 999999 }), { nil: undefined }),
    zone: fc.constantFrom("Z", "z", "+00:00", "-05:30", "+23:59", "+24:00", "+05:60", "", "+0530"),
    separator: fc.constantFrom("T", "t", " ", "_"),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.separator}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction === undefined ? "" : `.${p.fraction}`}${p.zone}`,
  );

test("agrees with ajv-formats on calendar dates, clock times and offsets (leap seconds aside)", () => {
  fc.assert(
    fc.property(dateTimeLike, (text) => {
      // ajv-formats also checks a leap second against the UTC time; we accept any :59:60.
      if (text.includes(":60") && !text.includes(":59:60")) return;
      if (/:59:60/.test(text)) return;
      expect(isDateTime(text)).toBe(reference.validate(text));
    }),
    { seed: 1126, numRuns: 5000 },
  );
});

test("agrees with ajv-formats when any one character is replaced", () => {
  const odd = fc.constantFrom(..."\u0000\u0010\u0014\u001a\u0040Zz+-:. tT0159/\u00e9\ud83d");
  fc.assert(
    fc.property(dateTimeLike, fc.nat(), odd, (text, at, char) => {
      const i = at % (text.length + 1);
      const changed = `${text.slice(0, i)}${char}${text.slice(i + 1)}`;
      if (/:60/.test(changed)) return;
      expect(isDateTime(changed)).toBe(reference.validate(changed));
    }),
    { seed: 1127, numRuns: 5000 },
  );
});

test.each([
  ["2026-11-25\u000010:00:00Z", false],
  ["2026-11-25T10:00:00\u001a", false],
  ["2024-02-29T12:00:00Z", true],
  ["2023-02-29T12:00:00Z", false],
  ["2026-11-25T10:00:00.123456+02:00", true],
  ["2026-11-25T10:00:00", false],
  ["2026-11-25", false],
  ["2026-13-01T00:00:00Z", false],
  ["2026-04-31T00:00:00Z", false],
  ["", false],
])("%s → %s", (text, valid) => {
  expect(isDateTime(text)).toBe(valid);
});

describe("uri (RFC 3986, absolute)", () => {
  test.each([
    "https://pgbeam.com/docs/api/errors/not-found",
    "urn:pgbeam:error:x",
    "about:blank",
    "https://example.com/a%20b?q=1#frag",
  ])("accepts %s", (text) => {
    expect(isUri(text)).toBe(true);
  });

  test.each([
    "",
    "not-found",
    "/v1/projects",
    "1http://x",
    "https://a b",
    "https://x/%zz",
    "http://x/%2",
    "ht tp://x",
  ])("refuses %j", (text) => {
    expect(isUri(text)).toBe(false);
  });
});
