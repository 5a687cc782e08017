/** A named format the generated checks call. */
interface Format {
  readonly validate: (value: never) => boolean;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (!(code >= 0 && code <= 9)) return -1; // NaN past the end fails too
    value = value * 10 + code;
  }
  return value;
}

/**
 * RFC 3339 `date-time` (`2026-11-25T10:00:00Z`, `…T10:00:00.123+02:00`): one linear pass with no
 * regular expression, checking the calendar (days per month, leap years) and the clock; second
 * 60 is accepted only at minute 59, for leap seconds.
 */
export function isDateTime(text: string): boolean {
  if (typeof text !== "string" || text.length < 20) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || text[4] !== "-" || text[7] !== "-" || month < 1 || month > 12 || day < 1)
    return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number))) return false;
  const separator = text[10];
  if (separator !== "T" && separator !== "t" && separator !== " ") return false;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (text[13] !== ":" || text[16] !== ":" || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return false;
  if (second < 0 || second > 60 || (second === 60 && minute !== 59)) return false;
  let at = 19;
  if (text[at] === ".") {
    const start = ++at;
    while (at < text.length && digits(text, at, 1) >= 0) at++;
    if (at === start) return false;
  }
  const zone = text[at];
  if ((zone === "Z" || zone === "z") && at + 1 === text.length) return true;
  if (zone !== "+" && zone !== "-") return false;
  // ±hh, ±hhmm or ±hh:mm, as ajv-formats' full date-time (which this replaced) accepts.
  const offsetHour = digits(text, at + 1, 2);
  if (offsetHour < 0 || offsetHour > 23) return false;
  if (text.length === at + 3) return true;
  const minuteAt = text[at + 3] === ":" ? at + 4 : at + 3;
  const offsetMinute = digits(text, minuteAt, 2);
  return minuteAt + 2 === text.length && offsetMinute >= 0 && offsetMinute <= 59;
}

/** The string and number formats the spec uses, for the generated checks. */
export const formats: Readonly<Record<"date-time" | "int64", Format>> = {
  "date-time": { validate: isDateTime as (value: never) => boolean },
  // A signed 64-bit integer: JSON numbers past ±2^63 (2**64, 1e308) are refused.
  int64: {
    validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63,
  },
};
