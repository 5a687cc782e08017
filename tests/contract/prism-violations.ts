/** One entry of Prism's `sl-violations` response header. */
interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

/**
 * The fields Prism found invalid, as JSON pointers like `/masking_rules/0/kind`. A missing
 * required field is reported at the field itself, as the validators do.
 */
export function prismInvalidFields(header: string | null): string[] {
  if (!header) return [];
  return (JSON.parse(header) as Violation[]).map((violation) => {
    const place = violation.location.slice(2);
    const missing =
      violation.code === "required" ? /'([^']+)'/.exec(violation.message)?.[1] : undefined;
    return ["", ...place, ...(missing ? [missing] : [])].join("/");
  });
}
