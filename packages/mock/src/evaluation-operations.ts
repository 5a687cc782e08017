import type { PolicyProfile, PolicyProfileInput, PolicyReplayInput } from "@pgbeam/policies-types";
import type { Handler } from "./call.js";
import { jsonResponse } from "./exchange.js";
import { fail } from "./problem.js";
import { savedPolicy } from "./profile-operations.js";
import { recommend } from "./recommend.js";
import { type ReplayScope, replay } from "./replay.js";
import type { ProjectData } from "./store.js";

/** `dryEvalPolicy`: the engine's verdict on one statement under a saved or draft profile. */
export const dryEvalPolicy: Handler<"dryEvalPolicy"> = async ({ service, project, body }) => {
  const engine = await service.policyEngine();
  return jsonResponse(200, engine.evaluate(body.sql, policyOf(project, body)));
};

/** `replayPolicy`: the project's recorded traffic judged again under a saved or draft profile. */
export const replayPolicy: Handler<"replayPolicy"> = async ({ service, project, body }) => {
  if (body.credential_id !== undefined && body.bound_policy_id !== undefined) {
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
  const policy = policyOf(project, body);
  const scope = replayScope(project, body);
  const engine = await service.policyEngine();
  return jsonResponse(
    200,
    await replay(engine, project.traffic, body, policy, service.now(), scope),
  );
};

/** `recommendAgentPolicy`: a profile proposed from one agent credential's recorded traffic. */
export const recommendAgentPolicy: Handler<"recommendAgentPolicy"> = async (call) => {
  const { project, service } = call;
  const agentId = call.path.agent_id;
  let current: PolicyProfile | undefined;
  for (const [policyId, credentials] of project.attached) {
    if (credentials.has(agentId)) current = project.profiles.get(policyId)?.profile;
  }
  const engine = await service.policyEngine();
  return jsonResponse(
    200,
    await recommend(
      engine,
      { agentId, traffic: project.traffic, current },
      call.body,
      service.now(),
    ),
  );
};

function replayScope(project: ProjectData, input: PolicyReplayInput): ReplayScope {
  if (input.bound_policy_id !== undefined) {
    savedPolicy(project, input.bound_policy_id);
    const bound = new Set(project.attached.get(input.bound_policy_id) ?? []);
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

/** The policy a dry evaluation or replay names: the saved profile of `policy_id`, or the draft. */
function policyOf(
  project: ProjectData,
  input: { policy_id?: string; policy?: PolicyProfileInput },
): PolicyProfile | PolicyProfileInput {
  return input.policy_id !== undefined
    ? savedPolicy(project, input.policy_id)
    : (input.policy as PolicyProfileInput);
}
