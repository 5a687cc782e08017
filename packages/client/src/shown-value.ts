/**
 * A value as an error about a wrong option shows it: a number as it prints (`3`, `NaN`), anything
 * else with its type too (`"3", a string`; `true, a boolean`; `null`; `an object`), so that a
 * string that looks like a number is not mistaken for one.
 */
export function shownValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(text)}, a string`;
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return `${value}n, a bigint`;
  if (typeof value === "symbol") return "a symbol";
  return `${String(value)}, a ${typeof value}`;
}
