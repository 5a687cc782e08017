import { fullFormats } from "ajv-formats/dist/formats.js";

/** A named format the generated checks call. */
interface Format {
  readonly validate: (value: never) => boolean;
}

/** The string and number formats the spec uses, for the generated checks. */
export const formats: Readonly<Record<"date-time" | "int64", Format>> = {
  "date-time": fullFormats["date-time"] as Format,
  // A signed 64-bit integer: JSON numbers past ±2^63 (2**64, 1e308) are refused.
  int64: {
    validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63,
  },
};
