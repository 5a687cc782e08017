import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { effectiveProfile } from "@pgbeam/policies-validators/policy";
import { type ApprovalRuleData, emptyApprovalRules } from "./approval-rule-store.js";
import type { SelfHostEnrollment } from "./self-host-enrollment.js";

/**
 * One entry of a project's audit log, in the service's AuditLogEntry shape, as `mock.record`
 * and `--seed` take it: `sql` is required (the emulator replays it); `ts` defaults to now,
 * `event` to `query`, `id` to a new `aud_…`, `project_id` to the project. Other fields
 * (`credential_id`, `decision_rule`, `rows_returned`, `statement_kind`, …, and fields this SDK
 * does not know) are kept as given.
 */
export interface RecordedAuditEntry {
  sql: string;
  /** The entry's id (`aud_…`); default: a new one. */
  id?: string;
  /** The project; default (and the only value accepted): the project it is recorded in. */
  project_id?: string;
  /** When it happened (RFC 3339, or a Date); default: the mock's now. */
  ts?: string | Date;
  /** The agent credential that sent it. */
  credential_id?: string | null;
  /** What the proxy did: `query`, `masked`, `truncated`, `blocked`, … (default `query`). */
  event?: string;
  /** The rule that decided it, e.g. `table_denied` on a blocked statement. */
  decision_rule?: string;
  /** Rows the statement returned. */
  rows_returned?: number;
  [field: string]: unknown;
}

/** A stored audit entry: the entry as it would be listed, and its time as epoch milliseconds. */
export interface StoredAuditEntry {
  entry: RecordedAuditEntry & { id: string; project_id: string; event: string; ts: string };
  atMs: number;
}

/** An answer kept for an `Idempotency-Key`: what was sent (canonical), what was answered, when. */
export interface IdempotentAnswer {
  requestBody: string;
  response: { status: number; headers: Record<string, string>; body: string | undefined };
  atMs: number;
}

/** A stored profile, with its representation and ETag computed on first read. */
export interface StoredProfile {
  seq: number;
  profile: PolicyProfile;
  /** The JSON text a get answers with, once read (dropped when the profile changes). */
  body?: string;
  etag?: string;
}

/** Everything the emulator knows about one project. */
export interface ProjectData {
  profiles: Map<string, StoredProfile>;
  /** Creation sequence numbers in ascending order: the list order. */
  order: number[];
  idBySeq: Map<number, string>;
  idByName: Map<string, string>;
  /** Agent credentials attached to each profile (a profile in use cannot be deleted). */
  attached: Map<string, Set<string>>;
  traffic: StoredAuditEntry[];
  idempotency: Map<string, IdempotentAnswer>;
  approvalRules: ApprovalRuleData;
}

/** The emulator's whole state: plain data, so a snapshot is a structured clone. */
export interface MockData {
  nextSeq: number;
  projects: Map<string, ProjectData>;
  /** The organization's self-hosted enrollment, when one exists (rules then stay disabled). */
  selfHostEnrollment?: SelfHostEnrollment;
}

/** An empty state. */
export function emptyData(): MockData {
  return { nextSeq: 1, projects: new Map() };
}

/** An empty project. */
export function emptyProject(): ProjectData {
  return {
    profiles: new Map(),
    order: [],
    idBySeq: new Map(),
    idByName: new Map(),
    attached: new Map(),
    traffic: [],
    idempotency: new Map(),
    approvalRules: emptyApprovalRules(),
  };
}

const idAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Random bytes (Web Crypto) are drawn 4 KiB at a time, one call per 400 ids, and only on first
// use: workerd refuses randomness at load time.
let pool = new Uint8Array(0);
let poolOffset = 0;

/** A new id in the API's style: the prefix and `length` letters or digits. */
export function newId(prefix: string, length: number): string {
  if (poolOffset + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(4096));
    poolOffset = 0;
  }
  let id = prefix;
  for (let i = 0; i < length; i++)
    id += idAlphabet[(pool[poolOffset++] as number) % idAlphabet.length];
  return id;
}

/** A new profile id (`pol_` and ten letters or digits). */
export function newPolicyId(): string {
  return newId("pol_", 10);
}

/** The stored form of an input: the spec's defaults applied, the required lists present. */
export function profileFrom(
  input: PolicyProfileInput,
  ids: { id: string; project_id: string },
  times: { created_at: string; updated_at: string },
): PolicyProfile {
  // Name first, then the defaults and the given fields, so the JSON reads like the spec's examples.
  const { name, ...rest } = effectiveProfile(input);
  return {
    id: ids.id,
    project_id: ids.project_id,
    name,
    ...rest,
    created_at: times.created_at,
    updated_at: times.updated_at,
  };
}

/** Adds a profile at the end of the project's order. */
export function insertProfile(data: MockData, project: ProjectData, profile: PolicyProfile): void {
  const seq = data.nextSeq++;
  project.profiles.set(profile.id, { seq, profile });
  project.order.push(seq);
  project.idBySeq.set(seq, profile.id);
  project.idByName.set(profile.name, profile.id);
}

/** Removes a profile; its place in the order goes with it. */
export function removeProfile(project: ProjectData, id: string): void {
  const stored = project.profiles.get(id);
  if (stored === undefined) return;
  project.profiles.delete(id);
  project.idBySeq.delete(stored.seq);
  project.idByName.delete(stored.profile.name);
  project.attached.delete(id);
  const index = firstAfter(project.order, stored.seq - 1);
  if (project.order[index] === stored.seq) project.order.splice(index, 1);
}

/** Index of the first sequence number greater than `after` (binary search: O(log n)). */
export function firstAfter(order: readonly number[], after: number): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((order[middle] as number) <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}
