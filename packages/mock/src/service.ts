import type { PolicyEngine } from "@pgbeam/policies-engine";
import type {
  DryEvalInput,
  ListPolicyProfilesResponse,
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayInput,
} from "@pgbeam/policies-types";
import { errorCodeByStatus } from "@pgbeam/policies-validators";
import { ApiFailure, errorResponse, fail } from "./api-error.js";
import { jsonResponse, type MockRequest, type MockResponse } from "./exchange.js";
import { type Fault, FaultQueue } from "./faults.js";
import { PageTokens } from "./page-token.js";
import { replay } from "./replay.js";
import { allowedMethods, matchRoute } from "./route.js";
import {
  emptyData,
  emptyProject,
  firstAfter,
  insertProfile,
  type MockData,
  newPolicyId,
  type ProjectData,
  profileFrom,
  removeProfile,
} from "./store.js";
import { checkBody, checkPathParams, checkQueryParams } from "./validate-request.js";

/** Options of the emulator. */
export interface PolicyMockOptions {
  /** Bearer tokens accepted; by default any non-empty token is. */
  apiKey?: string | readonly string[];
  /** Projects that exist from the start. */
  projects?: readonly string[];
  /** Let any well-formed project id exist on first use (default true); false answers 404 for undeclared projects. */
  autoCreateProjects?: boolean;
  /** The clock for `created_at`, `updated_at` and replay windows (default: the system clock). */
  now?: () => Date;
  /**
   * The engine that judges `dryEvalPolicy` and `replayPolicy`: an engine, or a function that
   * makes one (e.g. `() => createEngine({ wasm })` in a browser). Default: `createEngine()`.
   */
  engine?: PolicyEngine | (() => Promise<PolicyEngine>);
}

async function loadEngine(given: PolicyMockOptions["engine"]): Promise<PolicyEngine> {
  if (typeof given === "function") return given();
  if (given !== undefined) return given;
  const { createEngine } = await import("@pgbeam/policies-engine");
  return createEngine();
}

/** Thrown (as a rejected fetch) when a fault drops the connection. */
export class ConnectionResetSignal extends TypeError {
  /** Marks the error across copies of this module (the CommonJS entries each bundle one). */
  readonly pgbeamMockReset = true;
  constructor(operationId: string) {
    super(
      `fetch failed: the PgBeam mock dropped the connection (a fault injected into ${operationId})`,
    );
  }
}

/** True for the error a connection-dropping fault throws, from any copy of this module. */
export function isConnectionReset(error: unknown): boolean {
  return (error as { pgbeamMockReset?: unknown } | null)?.pgbeamMockReset === true;
}

/** The error code a fault with this status answers with: the spec's example code for it. */
function faultCode(status: number): string {
  return errorCodeByStatus[String(status)] ?? (status >= 500 ? "internal_error" : "error");
}

/** The emulated service: state, and one request handler every transport shares. */
export class PolicyService {
  data: MockData = emptyData();
  readonly faults = new FaultQueue();
  private readonly tokens = new PageTokens();
  private engine: Promise<PolicyEngine> | undefined;

  constructor(readonly options: PolicyMockOptions = {}) {
    for (const projectId of options.projects ?? [])
      this.data.projects.set(projectId, emptyProject());
  }

  /** The current time, from the `now` option or the system clock. */
  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The project's data, creating it when it is declared or auto-created; undefined otherwise. */
  project(projectId: string, create: boolean): ProjectData | undefined {
    let project = this.data.projects.get(projectId);
    if (project === undefined && (create || this.options.autoCreateProjects !== false)) {
      project = emptyProject();
      this.data.projects.set(projectId, project);
    }
    return project;
  }

  /**
   * The offline engine, loaded on first need (the `engine` option, else `createEngine()` from
   * `@pgbeam/policies-engine`, imported only then so that loading the mock loads no parser).
   */
  policyEngine(): Promise<PolicyEngine> {
    this.engine ??= loadEngine(this.options.engine);
    return this.engine;
  }

  /** Answers one request of the Policies API, as the service would. */
  async handle(request: MockRequest): Promise<MockResponse> {
    const { url } = request;
    const route = matchRoute(request.method, url.pathname);
    if (route === undefined) {
      const allowed = allowedMethods(url.pathname);
      const message = `${request.method} ${url.pathname} is not an operation of the Policies API.`;
      return allowed.length === 0
        ? errorResponse({ status: 404, code: "not_found", message })
        : errorResponse({
            status: 405,
            code: "method_not_allowed",
            message: `${message} Allowed: ${allowed.join(", ")}.`,
            headers: { allow: allowed.join(", ") },
          });
    }
    const { operation } = route;
    try {
      const fault = this.faults.take(operation.operationId);
      const after = fault?.when === "after";
      if (fault !== undefined && !after)
        await this.applyFault(operation.operationId, fault, request.signal);
      this.authenticate(request);
      checkPathParams(operation, route.pathParams);
      const query = checkQueryParams(operation, url.searchParams);
      const body = await checkBody(operation, request);
      const projectId = route.pathParams.project_id ?? "";
      const project = this.project(projectId, false);
      if (project === undefined) fail(404, "not_found", `Project ${projectId} was not found.`);
      const response = await this.run(operation.operationId, {
        request,
        projectId,
        project,
        policyId: route.pathParams.policy_id ?? "",
        query,
        body,
      });
      if (fault !== undefined && after)
        await this.applyFault(operation.operationId, fault, request.signal);
      return response;
    } catch (error) {
      if (error instanceof ApiFailure) return errorResponse(error.answer);
      throw error;
    }
  }

  private async applyFault(
    operationId: string,
    fault: Fault,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (fault.delayMs !== undefined && fault.delayMs > 0) await sleep(fault.delayMs, signal);
    if (fault.reset === true) throw new ConnectionResetSignal(operationId);
    if (fault.status === undefined) return;
    const headers =
      fault.retryAfter === undefined ? undefined : { "retry-after": String(fault.retryAfter) };
    const message =
      fault.message ?? `A fault injected into ${operationId} answered ${fault.status}.`;
    fail(fault.status, fault.code ?? faultCode(fault.status), message, headers);
  }

  private authenticate(request: MockRequest): void {
    const header = request.header("authorization") ?? "";
    const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
    const accepted = this.options.apiKey;
    const allowed =
      token !== "" &&
      (accepted === undefined ||
        (typeof accepted === "string" ? token === accepted : accepted.includes(token)));
    if (!allowed) {
      fail(
        401,
        "unauthorized",
        token === ""
          ? "Missing bearer token: send Authorization: Bearer <API key>."
          : "Invalid API key.",
      );
    }
  }

  private async run(operationId: string, call: Call): Promise<MockResponse> {
    switch (operationId) {
      case "createPolicyProfile":
        return this.create(call);
      case "listPolicyProfiles":
        return jsonResponse(200, await this.list(call));
      case "getPolicyProfile":
        return jsonResponse(200, this.stored(call).profile);
      case "updatePolicyProfile":
        return jsonResponse(200, this.update(call));
      case "deletePolicyProfile":
        this.remove(call);
        return { status: 204, headers: {}, body: undefined };
      case "dryEvalPolicy":
        return jsonResponse(200, await this.dryEval(call));
      case "replayPolicy":
        return jsonResponse(200, await this.replay(call));
      default:
        return fail(404, "not_found", `Operation ${operationId} is not emulated.`);
    }
  }

  private create({ request, projectId, project, body }: Call): MockResponse {
    const input = body as PolicyProfileInput;
    const key = request.header("idempotency-key");
    const requestBody = key === null ? "" : canonicalJson(input);
    if (key !== null) {
      const earlier = project.idempotency.get(key);
      if (earlier !== undefined) {
        if (earlier.requestBody !== requestBody) {
          fail(
            409,
            "idempotency_key_reused",
            `Idempotency-Key ${key} was already used with a different request body; use a new key for a new profile.`,
          );
        }
        return jsonResponse(201, earlier.profile, { "idempotent-replayed": "true" });
      }
    }
    this.refuseDuplicateName(project, input.name);
    const at = this.now().toISOString();
    const profile = profileFrom(
      input,
      { id: newPolicyId(), project_id: projectId },
      { created_at: at, updated_at: at },
    );
    insertProfile(this.data, project, profile);
    if (key !== null) project.idempotency.set(key, { requestBody, profile });
    return jsonResponse(201, profile);
  }

  private async list({ projectId, project, query }: Call): Promise<ListPolicyProfilesResponse> {
    const pageSize = typeof query.page_size === "number" ? query.page_size : 20;
    let after = 0;
    if (typeof query.page_token === "string") {
      const decoded = await this.tokens.decode(projectId, query.page_token);
      if (decoded === undefined)
        fail(
          400,
          "invalid_request",
          "Invalid page_token: it is not a token this project's list returned.",
        );
      after = decoded;
    }
    const start = firstAfter(project.order, after);
    const seqs = project.order.slice(start, start + pageSize);
    const policies = seqs.map(
      (seq) =>
        (project.profiles.get(project.idBySeq.get(seq) ?? "") as { profile: PolicyProfile })
          .profile,
    );
    const last = seqs.at(-1);
    const more = start + pageSize < project.order.length;
    return more && last !== undefined
      ? { policies, next_page_token: await this.tokens.encode(projectId, last) }
      : { policies };
  }

  private stored({ project, policyId }: Call): { seq: number; profile: PolicyProfile } {
    const stored = project.profiles.get(policyId);
    if (stored === undefined) fail(404, "not_found", `Policy profile ${policyId} was not found.`);
    return stored;
  }

  private update(call: Call): PolicyProfile {
    const { project, projectId, policyId, body } = call;
    const stored = this.stored(call);
    const input = body as PolicyProfileInput;
    // The spec documents no 409 for updates, so a rename onto a taken name is a 400.
    if (input.name !== stored.profile.name) this.refuseDuplicateName(project, input.name, 400);
    const profile = profileFrom(
      input,
      { id: policyId, project_id: projectId },
      { created_at: stored.profile.created_at, updated_at: this.now().toISOString() },
    );
    project.idByName.delete(stored.profile.name);
    project.idByName.set(profile.name, policyId);
    stored.profile = profile;
    return profile;
  }

  private remove(call: Call): void {
    const { project, policyId } = call;
    this.stored(call);
    const credentials = project.attached.get(policyId);
    if (credentials !== undefined && credentials.size > 0) {
      fail(
        409,
        "policy_in_use",
        `Policy profile ${policyId} is attached to agent credentials (${[...credentials].join(", ")}); detach them first.`,
      );
    }
    removeProfile(project, policyId);
  }

  private async dryEval(call: Call) {
    const input = call.body as DryEvalInput;
    return (await this.policyEngine()).evaluate(input.sql, this.policyOf(call, input));
  }

  private async replay(call: Call) {
    const input = call.body as PolicyReplayInput;
    const policy = this.policyOf(call, input);
    return replay(await this.policyEngine(), call.project.traffic, input, policy, this.now());
  }

  /** The policy a dry evaluation or replay names: the saved profile of `policy_id`, or the draft. */
  private policyOf(call: Call, input: { policy_id?: string; policy?: PolicyProfileInput }) {
    return input.policy_id !== undefined
      ? this.savedPolicy(call, input.policy_id)
      : (input.policy as PolicyProfileInput);
  }

  private savedPolicy({ project }: Call, policyId: string): PolicyProfile {
    const stored = project.profiles.get(policyId);
    if (stored === undefined) fail(404, "not_found", `Policy profile ${policyId} was not found.`);
    return stored.profile;
  }

  private refuseDuplicateName(project: ProjectData, name: string, status = 409): void {
    const existing = project.idByName.get(name);
    if (existing !== undefined) {
      fail(
        status,
        status === 409 ? "already_exists" : "invalid_request",
        `A policy profile named "${name}" already exists in this project (${existing}).`,
      );
    }
  }
}

/** What an operation gets: the request, its project, and its checked parameters and body. */
interface Call {
  request: MockRequest;
  projectId: string;
  project: ProjectData;
  policyId: string;
  query: Record<string, unknown>;
  body: unknown;
}

/** JSON with object keys sorted, so two bodies that differ only in key order compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal === undefined) {
      setTimeout(resolve, ms);
      return;
    }
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
