/** A generated check with the `evaluated` record Ajv's unevaluated-properties support reads. */
export function withEvaluated<F extends object>(check: F, evaluated: unknown): F {
  return Object.assign(check, { evaluated });
}
