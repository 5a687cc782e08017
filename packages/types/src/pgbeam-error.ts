// The base class of every error the PgBeam packages throw, shared so that one
// `instanceof PgBeamError` catches the client's, the validators' and the middleware's errors.

const lineage = Symbol.for("@pgbeam/error-lineage");

/** The class names from `target` up to (and including) PgBeamError. */
function lineageOf(target: unknown): string[] {
  const names: string[] = [];
  for (let current = target as { name?: unknown } | null; current && current !== Error; ) {
    if (typeof current.name === "string") names.push(current.name);
    current = Object.getPrototypeOf(current) as { name?: unknown } | null;
  }
  return names;
}

/**
 * Base class of every PgBeam SDK error; `instanceof PgBeamError` catches them all. `instanceof`
 * on it and its subclasses also holds across copies of a package loaded twice (by `require()`
 * and by `import()`, say), because each error records the names of its classes.
 */
export class PgBeamError extends Error {
  override name = "PgBeamError";

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, lineage, { value: lineageOf(new.target), enumerable: false });
  }

  /** The error's name, message and own fields (never its `cause`), so that `JSON.stringify` shows them. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== "cause" && value !== undefined) out[key] = value;
    }
    return out;
  }

  /** True for an instance of this class from any copy of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is whichever subclass `instanceof` was asked about, not PgBeamError itself.
    // biome-ignore lint/complexity/noThisInStatic: the subclass is the point
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const names = (value as { [lineage]?: unknown } | null)?.[lineage];
    // biome-ignore lint/complexity/noThisInStatic: the subclass is the point
    return Array.isArray(names) && names.includes(this.name);
  }
}
