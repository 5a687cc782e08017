/** Thrown by `classifyStatement`, `relationsOf` and `fingerprint` when SQL does not parse. */
export class SqlSyntaxError extends Error {
  override name = "SqlSyntaxError";
  /** 0-based character offset the parser stopped at, when it said. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.position = position;
  }
}
