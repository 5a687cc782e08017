/** Which setup call, or which list of a seed file, an entry came from. */
export type SetupList = "projects" | "traffic" | "approval_rules";

const setupCall: Record<SetupList, string> = {
  projects: "seed",
  traffic: "record",
  approval_rules: "seedApprovalRules",
};

/**
 * A profile, approval rule or audit entry that `mock.seed` / `mock.record` (or a seed file) cannot store:
 * names the project, the list, the index and the field, and says what is wrong.
 */
export class MockSetupError extends TypeError {
  constructor(
    /** `projects` for `seed`, `traffic` for `record`, `approval_rules` for `seedApprovalRules`. */
    readonly list: SetupList,
    readonly projectId: string,
    readonly index: number,
    /** What is wrong, starting with the field (`ts must be an RFC 3339 date-time (got "x")`). */
    readonly reason: string,
  ) {
    super(`${setupCall[list]}(${projectId})[${index}]: ${reason}`);
    this.name = "MockSetupError";
  }

  /** The location as a seed file spells it: `traffic.prj_1[3]: …`. */
  inSeedFile(): string {
    return `${this.list}.${this.projectId}[${this.index}]: ${this.reason}`;
  }
}
