/** A named format the generated checks call. */
interface Format {
  readonly validate: (value: never) => boolean;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` digits at `from`, or -1 (also past the end of the text). */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (!(code >= 0 && code <= 9)) return -1; // NaN past the end fails too
    value = value * 10 + code;
  }
  return value;
}

/** The two-digit number at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

const dash = 45;
const colon = 58;

/**
 * RFC 3339 `date-time` (`2026-11-25T10:00:00Z`, `…T10:00:00.123+02:00`): one linear pass with no
 * regular expression, checking the calendar (days per month, leap years) and the clock; second
 * 60 is accepted only at minute 59, for leap seconds.
 */
export function isDateTime(text: string): boolean {
  if (typeof text !== "string" || text.length < 20) return false;
  const year = digits(text, 0, 4);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (year < 0 || text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number))) return false;
  const separator = text.charCodeAt(10);
  if (separator !== 0x54 && separator !== 0x74 && separator !== 0x20) return false; // "T", "t", " "
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (text.charCodeAt(13) !== colon || text.charCodeAt(16) !== colon) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (second < 0 || second > 60 || (second === 60 && minute !== 59)) return false;
  let at = 19;
  if (text.charCodeAt(at) === 46) {
    // "." then one or more digits
    const start = ++at;
    while (at < text.length && digits(text, at, 1) >= 0) at++;
    if (at === start) return false;
  }
  const zone = text.charCodeAt(at);
  if ((zone | 0x20) === 0x7a) return at + 1 === text.length; // "Z" or "z"
  if (zone !== 43 && zone !== dash) return false; // "+" or "-"
  // ±hh, ±hhmm or ±hh:mm, as ajv-formats' full date-time (which this replaced) accepts.
  const offsetHour = twoDigits(text, at + 1);
  if (offsetHour < 0 || offsetHour > 23) return false;
  if (text.length === at + 3) return true;
  const minuteAt = text.charCodeAt(at + 3) === colon ? at + 4 : at + 3;
  const offsetMinute = twoDigits(text, minuteAt);
  return minuteAt + 2 === text.length && offsetMinute >= 0 && offsetMinute <= 59;
}

/** The `date-time` format, for the generated checks. */
export const dateTime: Format = { validate: isDateTime as (value: never) => boolean };

/** The `int64` format: a signed 64-bit integer (JSON numbers past ±2^63, 2**64, 1e308 are refused). */
export const int64: Format = {
  validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63,
};

/** The `int32` format: a signed 32-bit integer. */
export const int32: Format = {
  validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31,
};

/** A letter, digit or one of `+-.` (what a URI scheme is made of after its first letter). */
const isAlpha = (code: number): boolean => (code | 0x20) >= 97 && (code | 0x20) <= 122;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isHex = (code: number): boolean =>
  isDigit(code) || ((code | 0x20) >= 97 && (code | 0x20) <= 102);

/** Punctuation RFC 3986 allows outside percent-escapes: `-._~` and the reserved `:/?#[]@!$&'()*+,;=`. */
const uriPunctuation = "-._~:/?#[]@!$&'()*+,;=";

/**
 * RFC 3986 absolute `uri` (`https://pgbeam.com/docs/api/errors/not-found`, `urn:x:y`): a scheme
 * (a letter, then letters, digits, `+`, `-` or `.`), a colon, then only URI characters and
 * well-formed `%XX` escapes. One linear pass, no regular expression.
 */
export function isUri(text: string): boolean {
  if (typeof text !== "string" || !isAlpha(text.charCodeAt(0))) return false;
  let at = 1;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 58) break; // ":"
    if (!isAlpha(code) && !isDigit(code) && code !== 43 && code !== 45 && code !== 46) return false;
  }
  if (at === text.length) return false;
  for (at++; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 37) {
      // "%" and two hex digits
      if (!isHex(text.charCodeAt(at + 1)) || !isHex(text.charCodeAt(at + 2))) return false;
      at += 2;
    } else if (!isAlpha(code) && !isDigit(code) && !uriPunctuation.includes(text[at] as string))
      return false;
  }
  return true;
}

/** The `uri` format, for the generated checks. */
export const uri: Format = { validate: isUri as (value: never) => boolean };
