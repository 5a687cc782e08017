import type { PolicyEngine } from "@pgbeam/policies-engine";
import type { OperationSchemas } from "@pgbeam/policies-validators";
import { ruleEtag } from "./approval-rule-store.js";
import type { Call } from "./call.js";
import { etagOf, profileEtag } from "./etag.js";
import type { MockRequest, MockResponse } from "./exchange.js";
import { type Fault, FaultQueue } from "./faults.js";
import { runOperation } from "./handlers.js";
import { idempotentLookup } from "./idempotency.js";
import { PageTokens } from "./page-token.js";
import { ApiFailure, fail, problemResponse } from "./problem.js";
import { allowedMethods, matchRoute } from "./route.js";
import { sleep } from "./sleep.js";
import { emptyData, emptyProject, type MockData, newId, type ProjectData } from "./store.js";
import {
  checkBody,
  checkHeaderParams,
  checkPathParams,
  checkQueryParams,
  readBody,
} from "./validate-request.js";

/** One request as the `onRequest` option reports it (never a header: no key can leak). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

/** Options of the emulator. */
export interface PolicyMockOptions {
  /** Bearer tokens accepted; by default any non-empty token is. */
  apiKey?: string | readonly string[];
  /** Projects that exist from the start. */
  projects?: readonly string[];
  /** Let any well-formed project id exist on first use (default true); false answers 404 for undeclared projects. */
  autoCreateProjects?: boolean;
  /** The clock for timestamps, replay and recommendation windows and idempotency windows (default: the system clock). */
  now?: () => Date;
  /**
   * The engine that judges `dryEvalPolicy`, `replayPolicy` and `recommendAgentPolicy`: an
   * engine, or a function that makes one (e.g. `() => createEngine({ wasm })` in a browser).
   * Default: `createEngine()` from `@pgbeam/policies-engine`, imported on first need.
   */
  engine?: PolicyEngine | (() => Promise<PolicyEngine>);
  /** Called once per answered request (method, path, status, milliseconds, request id). */
  onRequest?: (entry: RequestLogEntry) => void;
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

/** The emulated service: state, and one request handler every transport shares. */
export class PolicyService {
  data: MockData = emptyData();
  readonly faults = new FaultQueue();
  readonly tokens = new PageTokens();
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

  /** The offline engine, loaded on first need (the `engine` option, else `createEngine()`). */
  policyEngine(): Promise<PolicyEngine> {
    this.engine ??= loadEngine(this.options.engine);
    return this.engine;
  }

  /**
   * Answers one request of the Policies API, as the service would: every answer carries an
   * `X-Request-Id`, every error is a problem document naming the request path and that id.
   */
  async handle(request: MockRequest): Promise<MockResponse> {
    const started = this.options.onRequest === undefined ? 0 : performance.now();
    const requestId = newId("req_", 16);
    const route = matchRoute(request.method, request.url.pathname);
    const operationId = route?.operation.operationId;
    let response: MockResponse;
    try {
      response =
        route === undefined
          ? this.notAnOperation(request)
          : await this.answer(request, route.operation, route.pathParams, requestId);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      response = problemResponse(error.problem, {
        operationId,
        instance: request.url.pathname,
        requestId,
      });
    }
    response.headers["x-request-id"] = requestId;
    this.options.onRequest?.({
      method: request.method,
      path: request.url.pathname,
      status: response.status,
      ms: performance.now() - started,
      requestId,
    });
    return response;
  }

  private notAnOperation(request: MockRequest): never {
    const allowed = allowedMethods(request.url.pathname);
    const message = `${request.method} ${request.url.pathname} is not an operation of the Policies API.`;
    if (allowed.length === 0) fail(404, message);
    return fail(405, `${message} Allowed: ${allowed.join(", ")}.`, {
      code: "METHOD_NOT_ALLOWED",
      headers: { allow: allowed.join(", ") },
    });
  }

  private async answer(
    request: MockRequest,
    operation: OperationSchemas,
    pathParams: Record<string, string>,
    requestId: string,
  ): Promise<MockResponse> {
    const { operationId } = operation;
    const fault = this.faults.take(operationId);
    const after = fault?.when === "after";
    const inject = (given: Fault) => this.applyFault(operation, pathParams, given, request.signal);
    if (fault !== undefined && !after) await inject(fault);
    this.authenticate(request);
    checkPathParams(operation, pathParams);
    const query = checkQueryParams(operation, request.url.searchParams);
    const headers = checkHeaderParams(operation, request);
    const body = await readBody(operation, request);
    const projectId = pathParams.project_id ?? "";
    const project = this.project(projectId, false);
    const key = headers["Idempotency-Key"];
    const lookup =
      key === undefined || project === undefined
        ? undefined
        : idempotentLookup(project, operationId, key, body, this.now().getTime());
    if (lookup !== undefined && "replay" in lookup) {
      lookup.replay.headers["idempotent-replayed"] = "true";
      return lookup.replay;
    }
    let response: MockResponse;
    try {
      if (body !== undefined) checkBody(operation, body.value);
      if (project === undefined) fail(404, `Project ${projectId} was not found.`);
      // The parts were checked against the operation's schemas just above: that is what makes
      // them the operation's typed parameters and body.
      const call = {
        service: this,
        request,
        project,
        path: pathParams,
        query,
        headers,
        body: body?.value,
      } as unknown as Call<typeof operationId>;
      response = await runOperation(operationId, call);
    } catch (error) {
      if (!(error instanceof ApiFailure) || lookup === undefined) throw error;
      response = problemResponse(error.problem, {
        operationId,
        instance: request.url.pathname,
        requestId,
      });
    }
    lookup?.store(response);
    if (fault !== undefined && after) await inject(fault);
    return response;
  }

  private async applyFault(
    operation: OperationSchemas,
    pathParams: Record<string, string>,
    fault: Fault,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { operationId } = operation;
    if (fault.delayMs !== undefined && fault.delayMs > 0) await sleep(fault.delayMs, signal);
    if (fault.reset === true) throw new ConnectionResetSignal(operationId);
    if (fault.status === undefined) return;
    // Headers the spec requires on this status are sent: Retry-After (default 1 s) on a 429,
    // the profile's current ETag on a 412.
    const required = operation.responseHeaders[String(fault.status)] ?? {};
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined || required["Retry-After"] === true)
      headers["retry-after"] = String(fault.retryAfter ?? 1);
    if (required.ETag === true) headers.etag = this.currentEtag(pathParams);
    const detail =
      fault.message ?? `A fault injected into ${operationId} answered ${fault.status}.`;
    fail(fault.status, detail, {
      headers,
      ...(fault.code === undefined ? {} : { code: fault.code }),
    });
  }

  /** The ETag of the profile or rule the path names, or of an empty representation when there is none. */
  private currentEtag(pathParams: Record<string, string>): string {
    const project = this.data.projects.get(pathParams.project_id ?? "");
    const profile = project?.profiles.get(pathParams.policy_id ?? "");
    if (profile !== undefined) return profileEtag(profile);
    const rule = project?.approvalRules.byId.get(pathParams.approval_rule_id ?? "");
    return rule === undefined ? etagOf("") : ruleEtag(rule);
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
        token === ""
          ? "Missing bearer token: send Authorization: Bearer <API key>."
          : "Invalid API key.",
      );
    }
  }
}
