import type {
  ApprovalRule,
  ApprovalRuleInput,
  PolicyProfile,
  PolicyProfileInput,
} from "@pgbeam/policies-types";
import {
  validateApprovalRule,
  validateApprovalRuleInput,
  validatePolicyProfile,
  validatePolicyProfileInput,
} from "@pgbeam/policies-validators";
import { insertRule, newApprovalRuleId, ruleFrom, rulesInOrder } from "./approval-rule-store.js";
import { fromWebRequest, toWebResponse } from "./exchange.js";
import type { FaultQueue } from "./faults.js";
import type { SelfHostEnrollment } from "./self-host-enrollment.js";
import { type PolicyMockOptions, PolicyService } from "./service.js";
import { MockSetupError } from "./setup-error.js";
import {
  emptyData,
  insertProfile,
  type MockData,
  newPolicyId,
  profileFrom,
  type RecordedAuditEntry,
} from "./store.js";
import { storedAuditEntry } from "./traffic.js";

/** Options of `createPolicyMock`. */
export interface CreatePolicyMockOptions extends PolicyMockOptions {
  /** The base URL the MSW handlers intercept by default (`https://api.pgbeam.com`). */
  baseUrl?: string;
  /**
   * Origins the HTTP server's CORS answers allow: `"*"` (any), or a list of origins such as
   * `["http://localhost:5173"]`. Default: any origin while the server listens on loopback, only
   * loopback origins (`http://localhost:…`, `http://127.0.0.1:…`, `http://[::1]:…`) otherwise.
   */
  corsOrigins?: "*" | readonly string[];
}

/** A copy of the emulator's state, for `restore`. */
export interface MockSnapshot {
  readonly data: MockData;
}

/** One in-memory PgBeam Policies service, reachable three ways that share its state. */
export interface PolicyMock {
  /** A `fetch` that answers in-process: pass it to `createPolicyClient({ fetch })`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /**
   * Starts a real HTTP server (port 0, the default, picks a free one) and resolves to its URL.
   * Node, Bun and Deno only (it uses `node:http`); elsewhere it rejects and says so.
   */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the HTTP server, if one is listening. */
  close(): Promise<void>;
  /** The HTTP server's URL while it listens. */
  readonly url: string | undefined;
  /** The base URL the MSW handlers intercept by default. */
  readonly baseUrl: string;
  /** Failures to inject: `mock.faults.next("getPolicyProfile", { status: 503 })`. */
  readonly faults: FaultQueue;
  /** Stores profiles in a project (creating it) and returns them as saved. */
  seed(
    projectId: string,
    profiles: readonly (PolicyProfileInput | PolicyProfile)[],
  ): PolicyProfile[];
  /**
   * Stores approval rules in a project (creating it) and returns them as saved. Inputs get the
   * defaults a create gives them; saved rules keep their id. Rules are checked in full first:
   * a bad one stores none.
   */
  seedApprovalRules(
    projectId: string,
    rules: readonly (ApprovalRuleInput | ApprovalRule)[],
  ): ApprovalRule[];
  /** The approval rules of a project in list order (empty for an unknown project). */
  approvalRules(projectId: string): ApprovalRule[];
  /**
   * Sets (or with `null` removes) the organization's self-hosted data-plane enrollment. While it
   * is live (not revoked, not expired on the mock's clock), creating an enabled approval rule or
   * updating one to stay enabled answers 409 `INVALID_STATE`; rules saved disabled are accepted.
   */
  setSelfHostEnrollment(enrollment: SelfHostEnrollment | null): void;
  /** Attaches an agent credential to a profile: deleting the profile then answers 409. */
  attach(projectId: string, policyId: string, credentialId: string): void;
  /** Detaches an agent credential from a profile. */
  detach(projectId: string, policyId: string, credentialId: string): void;
  /**
   * Adds audit log entries (the service's AuditLogEntry shape; `sql` required) to a project's
   * recorded traffic, which `replayPolicy` and `recommendAgentPolicy` read.
   */
  record(projectId: string, entries: readonly RecordedAuditEntry[]): void;
  /** The profiles of a project in list order (empty for an unknown project). */
  profiles(projectId: string): PolicyProfile[];
  /** Forgets every project, profile, credential, recording and queued fault. */
  reset(): void;
  /** A copy of the current state. */
  snapshot(): MockSnapshot;
  /** Puts back a state taken by `snapshot` (the snapshot stays usable). */
  restore(snapshot: MockSnapshot): void;
}

/** A running HTTP server in front of the emulator. */
export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

/** How an entry starts an HTTP server for the emulator (the Node entry's uses `node:http`). */
export type ServeEmulator = (
  service: PolicyService,
  port: number,
  host: string,
  corsOrigins: "*" | readonly string[] | undefined,
) => Promise<ListeningServer>;

/** The emulator with the HTTP server `serve` starts (none in the Web entry). */
export function buildPolicyMock(
  options: CreatePolicyMockOptions,
  serve: ServeEmulator,
): PolicyMock {
  const service = new PolicyService(options);
  let server: ListeningServer | undefined;

  const projectFor = (projectId: string) =>
    service.project(projectId, true) as NonNullable<ReturnType<PolicyService["project"]>>;
  const existing = (projectId: string, policyId: string) => {
    const stored = service.data.projects.get(projectId)?.profiles.get(policyId);
    if (stored === undefined)
      throw new Error(`No policy profile ${policyId} in project ${projectId}.`);
    return service.data.projects.get(projectId) as NonNullable<
      ReturnType<PolicyService["project"]>
    >;
  };

  return {
    fetch: async (input, init) =>
      toWebResponse(await service.handle(fromWebRequest(new Request(input, init)))),
    async listen(port = 0, host = "127.0.0.1") {
      if (server !== undefined) return server.url;
      server = await serve(service, port, host, options.corsOrigins);
      return server.url;
    },
    async close() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    get url() {
      return server?.url;
    },
    baseUrl: options.baseUrl ?? "https://api.pgbeam.com",
    faults: service.faults,
    seed(projectId, profiles) {
      const project = projectFor(projectId);
      return profiles.map((given, index) => {
        const refuse = (reason: string) => new MockSetupError("projects", projectId, index, reason);
        const saved = typeof given === "object" && given !== null && "id" in given;
        const checked = saved ? validatePolicyProfile(given) : validatePolicyProfileInput(given);
        if (!checked.ok) throw refuse(checked.issues.map((issue) => issue.message).join("; "));
        const valid = checked.value;
        if (project.idByName.has(valid.name))
          throw refuse(
            `name "${valid.name}" is taken: project ${projectId} already has a profile by that name.`,
          );
        const at = service.now().toISOString();
        const profile = saved
          ? (valid as PolicyProfile)
          : profileFrom(
              valid,
              { id: newPolicyId(), project_id: projectId },
              { created_at: at, updated_at: at },
            );
        insertProfile(service.data, project, { ...profile, project_id: projectId });
        return profile;
      });
    },
    seedApprovalRules(projectId, rules) {
      const project = projectFor(projectId);
      const names = new Set(project.approvalRules.idByName.keys());
      const at = service.now().toISOString();
      const saved = rules.map((given, index) => {
        const refuse = (reason: string) =>
          new MockSetupError("approval_rules", projectId, index, reason);
        const isSaved = typeof given === "object" && given !== null && "id" in given;
        const checked = isSaved ? validateApprovalRule(given) : validateApprovalRuleInput(given);
        if (!checked.ok) throw refuse(checked.issues.map((issue) => issue.message).join("; "));
        const valid = checked.value;
        if (valid.name.trim() === "") throw refuse("name must not be blank.");
        if (names.has(valid.name))
          throw refuse(
            `name "${valid.name}" is taken: project ${projectId} already has an approval rule by that name.`,
          );
        names.add(valid.name);
        return isSaved
          ? { ...(valid as ApprovalRule), project_id: projectId }
          : ruleFrom(
              valid,
              { id: newApprovalRuleId(), project_id: projectId },
              { created_at: at, updated_at: at },
            );
      });
      for (const rule of saved) insertRule(service.data, project, rule);
      return saved;
    },
    approvalRules(projectId) {
      const project = service.data.projects.get(projectId);
      return project === undefined ? [] : rulesInOrder(project);
    },
    setSelfHostEnrollment(enrollment) {
      if (enrollment === null) delete service.data.selfHostEnrollment;
      else service.data.selfHostEnrollment = { ...enrollment };
    },
    attach(projectId, policyId, credentialId) {
      const project = existing(projectId, policyId);
      const credentials = project.attached.get(policyId) ?? new Set<string>();
      credentials.add(credentialId);
      project.attached.set(policyId, credentials);
    },
    detach(projectId, policyId, credentialId) {
      existing(projectId, policyId).attached.get(policyId)?.delete(credentialId);
    },
    record(projectId, entries) {
      const now = service.now();
      // Checked in full before any is stored: a bad entry leaves the traffic as it was.
      const stored = entries.map((entry, index) => storedAuditEntry(entry, projectId, index, now));
      projectFor(projectId).traffic.push(...stored);
    },
    profiles(projectId) {
      const project = service.data.projects.get(projectId);
      if (project === undefined) return [];
      return project.order.map(
        (seq) => project.profiles.get(project.idBySeq.get(seq) ?? "")?.profile as PolicyProfile,
      );
    },
    reset() {
      service.data = emptyData();
      service.faults.clear();
      for (const projectId of options.projects ?? []) projectFor(projectId);
    },
    snapshot() {
      return { data: structuredClone(service.data) };
    },
    restore(snapshot) {
      service.data = structuredClone(snapshot.data);
    },
  };
}
