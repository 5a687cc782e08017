import type {
  DryEvalInput,
  ListPolicyProfilesResponse,
  PolicyProfile,
  PolicyProfileInput,
  PolicyRecommendationInput,
  PolicyReplayInput,
} from "@pgbeam/policies-types";
import { etagOf, profileEtag, tagListMatches } from "./etag.js";
import { jsonResponse, type MockResponse } from "./exchange.js";
import { fail } from "./problem.js";
import { recommend } from "./recommend.js";
import { type ReplayScope, replay } from "./replay.js";
import type { PolicyService } from "./service.js";
import {
  firstAfter,
  insertProfile,
  newPolicyId,
  type ProjectData,
  profileFrom,
  removeProfile,
  type StoredProfile,
} from "./store.js";

/** What an operation gets: the service, the request, its project, its checked parameters and body. */
export interface Call {
  service: PolicyService;
  request: MockRequest;
  projectId: string;
  project: ProjectData;
  policyId: string;
  agentId: string;
  query: Record<string, unknown>;
  body: unknown;
}

type MockRequest = import("./exchange.js").MockRequest;

/** Runs one operation of the spec. */
export async function runOperation(operationId: string, call: Call): Promise<MockResponse> {
  switch (operationId) {
    case "createPolicyProfile":
      return jsonResponse(201, create(call));
    case "listPolicyProfiles":
      return conditional(call, JSON.stringify(await list(call)));
    case "getPolicyProfile":
      return getProfile(call);
    case "updatePolicyProfile":
      return jsonResponse(200, update(call));
    case "deletePolicyProfile":
      remove(call);
      return { status: 204, headers: {}, body: undefined };
    case "dryEvalPolicy":
      return jsonResponse(200, await dryEval(call));
    case "replayPolicy":
      return jsonResponse(200, await replayCall(call));
    case "recommendAgentPolicy":
      return jsonResponse(200, await recommendCall(call));
    default:
      return fail(404, `Operation ${operationId} is not emulated.`);
  }
}

/** A 200 with the representation and its ETag, or a 304 with only the ETag when it matches. */
function conditional(call: Call, body: string, etag = etagOf(body)): MockResponse {
  const ifNoneMatch = call.request.header("if-none-match");
  if (ifNoneMatch !== null && tagListMatches(ifNoneMatch, etag, true))
    return { status: 304, headers: { etag }, body: undefined };
  return { status: 200, headers: { "content-type": "application/json", etag }, body };
}

function getProfile(call: Call): MockResponse {
  const stored = storedProfile(call);
  const etag = profileEtag(stored);
  return conditional(call, stored.body as string, etag);
}

function create({ service, projectId, project, body }: Call): PolicyProfile {
  const input = body as PolicyProfileInput;
  refuseTakenName(project, input.name);
  const at = service.now().toISOString();
  const profile = profileFrom(
    input,
    { id: newPolicyId(), project_id: projectId },
    { created_at: at, updated_at: at },
  );
  insertProfile(service.data, project, profile);
  return profile;
}

async function list({
  service,
  projectId,
  project,
  query,
}: Call): Promise<ListPolicyProfilesResponse> {
  const pageSize = typeof query.page_size === "number" ? query.page_size : 20;
  let after = 0;
  if (typeof query.page_token === "string") {
    const decoded = await service.tokens.decode(projectId, query.page_token);
    if (decoded === undefined) {
      fail(400, "Invalid page_token: it is not a token this project's list returned.", {
        errors: [{ field: "page_token", detail: "not a token this project's list returned" }],
      });
    }
    after = decoded;
  }
  const start = firstAfter(project.order, after);
  const seqs = project.order.slice(start, start + pageSize);
  const policies = seqs.map(
    (seq) => (project.profiles.get(project.idBySeq.get(seq) ?? "") as StoredProfile).profile,
  );
  const last = seqs.at(-1);
  const more = start + pageSize < project.order.length;
  return more && last !== undefined
    ? { policies, next_page_token: await service.tokens.encode(projectId, last) }
    : { policies };
}

function storedProfile({ project, policyId }: Call): StoredProfile {
  const stored = project.profiles.get(policyId);
  if (stored === undefined) fail(404, `Policy profile ${policyId} was not found.`);
  return stored;
}

function update(call: Call): PolicyProfile {
  const { service, project, projectId, policyId, body, request } = call;
  const stored = storedProfile(call);
  const ifMatch = request.header("if-match");
  if (ifMatch !== null) {
    const etag = profileEtag(stored);
    if (!tagListMatches(ifMatch, etag, false)) {
      fail(
        412,
        `Policy profile ${policyId} changed since the tag in If-Match (${ifMatch}); read it again (its ETag is ${etag}), re-apply your change and retry.`,
        { headers: { etag } },
      );
    }
  }
  const input = body as PolicyProfileInput;
  // The spec documents no 409 for updates, so a rename onto a taken name is a 400.
  if (input.name !== stored.profile.name) refuseTakenName(project, input.name, 400);
  const profile = profileFrom(
    input,
    { id: policyId, project_id: projectId },
    { created_at: stored.profile.created_at, updated_at: service.now().toISOString() },
  );
  project.idByName.delete(stored.profile.name);
  project.idByName.set(profile.name, policyId);
  stored.profile = profile;
  delete stored.body;
  delete stored.etag;
  return profile;
}

function remove(call: Call): void {
  const { project, policyId } = call;
  storedProfile(call);
  const credentials = project.attached.get(policyId);
  if (credentials !== undefined && credentials.size > 0) {
    fail(
      409,
      `Policy profile ${policyId} is attached to agent credentials (${[...credentials].join(", ")}); detach them first.`,
    );
  }
  removeProfile(project, policyId);
}

async function dryEval(call: Call) {
  const input = call.body as DryEvalInput;
  return (await call.service.policyEngine()).evaluate(input.sql, policyOf(call, input));
}

async function replayCall(call: Call) {
  const input = call.body as PolicyReplayInput;
  if (input.credential_id !== undefined && input.bound_policy_id !== undefined) {
    fail(
      400,
      "Give credential_id or bound_policy_id, not both: each one picks the traffic to replay.",
      {
        errors: [
          { field: "credential_id", detail: "cannot be combined with bound_policy_id" },
          { field: "bound_policy_id", detail: "cannot be combined with credential_id" },
        ],
      },
    );
  }
  const policy = policyOf(call, input);
  const scope = replayScope(call, input);
  const engine = await call.service.policyEngine();
  return replay(engine, call.project.traffic, input, policy, call.service.now(), scope);
}

function replayScope(call: Call, input: PolicyReplayInput): ReplayScope {
  if (input.bound_policy_id !== undefined) {
    savedPolicy(call, input.bound_policy_id);
    const bound = new Set(call.project.attached.get(input.bound_policy_id) ?? []);
    return {
      credentials: bound,
      summary: { traffic_scope: "bound_credentials", bound_credentials: bound.size },
    };
  }
  return {
    credentials: input.credential_id === undefined ? undefined : new Set([input.credential_id]),
    summary: { traffic_scope: "project" },
  };
}

async function recommendCall(call: Call) {
  const { project, agentId } = call;
  let current: PolicyProfile | undefined;
  for (const [policyId, credentials] of project.attached) {
    if (credentials.has(agentId)) current = project.profiles.get(policyId)?.profile;
  }
  const engine = await call.service.policyEngine();
  return recommend(
    engine,
    { agentId, traffic: project.traffic, current },
    call.body as PolicyRecommendationInput | undefined,
    call.service.now(),
  );
}

/** The policy a dry evaluation or replay names: the saved profile of `policy_id`, or the draft. */
function policyOf(call: Call, input: { policy_id?: string; policy?: PolicyProfileInput }) {
  return input.policy_id !== undefined
    ? savedPolicy(call, input.policy_id)
    : (input.policy as PolicyProfileInput);
}

function savedPolicy({ project }: Call, policyId: string): PolicyProfile {
  const stored = project.profiles.get(policyId);
  if (stored === undefined) fail(404, `Policy profile ${policyId} was not found.`);
  return stored.profile;
}

function refuseTakenName(project: ProjectData, name: string, status = 409): void {
  const existing = project.idByName.get(name);
  if (existing !== undefined) {
    fail(status, `A policy profile named "${name}" already exists in this project (${existing}).`, {
      ...(status === 409 ? { code: "RESOURCE_EXISTS" } : {}),
      errors: [{ field: "name", detail: `already taken by ${existing}` }],
    });
  }
}
