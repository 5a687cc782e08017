import { fullFormats } from "ajv-formats/dist/formats.js";

/** A named format the generated checks call. */
interface Format {
  readonly validate: (value: never) => boolean;
}

/** The string and number formats the spec uses, for the generated checks. */
export const formats: Readonly<Record<"date-time" | "int64", Format>> = {
  "date-time": fullFormats["date-time"] as Format,
  int64: { validate: Number.isInteger },
};
