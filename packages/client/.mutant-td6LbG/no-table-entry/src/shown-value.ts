/**
 * A value as an error about a wrong option shows it: a number as it prints (`3`, `NaN`), anything
 * else with its type too (`"3", a string`; `true, a boolean`; `null`; `an array`), so that a
 * string that looks like a number is not mistaken for one.
 */
export function shownValue(value: unknown): string {
  const type = typeof value;
  if (type === "number" || value === null) return String(value);
  if (type === "object") return Array.isArray(value) ? "an array" : "an object";
  if (type === "function" || type === "symbol") return `a ${type}`;
  const text = type === "string" ? JSON.stringify(String(value).slice(0, 40)) : String(value);
  return `${text}, a ${type}`;
}
