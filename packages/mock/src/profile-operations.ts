import type { ListPolicyProfilesResponse, PolicyProfile } from "@pgbeam/policies-types";
import type { Handler } from "./call.js";
import { conditional, noContent } from "./conditional.js";
import { profileEtag, tagListMatches } from "./etag.js";
import { jsonResponse } from "./exchange.js";
import { listPage } from "./list-page.js";
import { fail } from "./problem.js";
import {
  insertProfile,
  newPolicyId,
  type ProjectData,
  profileFrom,
  removeProfile,
  type StoredProfile,
} from "./store.js";

/** `createPolicyProfile`: stores the input with the spec's defaults (a taken name is a 409). */
export const createPolicyProfile: Handler<"createPolicyProfile"> = ({
  service,
  project,
  path,
  body,
}) => {
  refuseTakenName(project, body.name);
  const at = service.now().toISOString();
  const profile = profileFrom(
    body,
    { id: newPolicyId(), project_id: path.project_id },
    { created_at: at, updated_at: at },
  );
  insertProfile(service.data, project, profile);
  return jsonResponse(201, profile);
};

/** `listPolicyProfiles`: one page in creation order, conditional on `If-None-Match`. */
export const listPolicyProfiles: Handler<"listPolicyProfiles"> = async (call) => {
  const { project } = call;
  const page = await listPage(
    "listPolicyProfiles",
    call,
    call.path.project_id,
    project.order,
    (seq) => {
      const id = project.idBySeq.get(seq) ?? "";
      return (project.profiles.get(id) as StoredProfile).profile;
    },
  );
  const response: ListPolicyProfilesResponse =
    page.next === undefined
      ? { policies: page.items }
      : { policies: page.items, next_page_token: page.next };
  return conditional(call.headers["If-None-Match"], JSON.stringify(response));
};

/** `getPolicyProfile`: the profile, or a 304 when `If-None-Match` names its ETag. */
export const getPolicyProfile: Handler<"getPolicyProfile"> = (call) => {
  const stored = storedProfile(call.project, call.path.policy_id);
  const etag = profileEtag(stored);
  return conditional(call.headers["If-None-Match"], stored.body as string, etag);
};

/** `updatePolicyProfile`: a full replace, refused with 412 when `If-Match` names another version. */
export const updatePolicyProfile: Handler<"updatePolicyProfile"> = (call) => {
  const { service, project, path, body, headers } = call;
  const policyId = path.policy_id;
  const stored = storedProfile(project, policyId);
  const ifMatch = headers["If-Match"];
  if (ifMatch !== undefined) {
    const etag = profileEtag(stored);
    if (!tagListMatches(ifMatch, etag, false)) {
      fail(
        412,
        `Policy profile ${policyId} changed since the tag in If-Match (${ifMatch}); read it again (its ETag is ${etag}), re-apply your change and retry.`,
        { headers: { etag } },
      );
    }
  }
  // The spec documents no 409 for updates, so a rename onto a taken name is a 400.
  if (body.name !== stored.profile.name) refuseTakenName(project, body.name, 400);
  const profile = profileFrom(
    body,
    { id: policyId, project_id: path.project_id },
    { created_at: stored.profile.created_at, updated_at: service.now().toISOString() },
  );
  project.idByName.delete(stored.profile.name);
  project.idByName.set(profile.name, policyId);
  stored.profile = profile;
  delete stored.body;
  delete stored.etag;
  return jsonResponse(200, profile);
};

/** `deletePolicyProfile`: a 409 while agent credentials are attached to it. */
export const deletePolicyProfile: Handler<"deletePolicyProfile"> = ({ project, path }) => {
  const policyId = path.policy_id;
  storedProfile(project, policyId);
  const credentials = project.attached.get(policyId);
  if (credentials !== undefined && credentials.size > 0) {
    fail(
      409,
      `Policy profile ${policyId} is attached to agent credentials (${[...credentials].join(", ")}); detach them first.`,
    );
  }
  removeProfile(project, policyId);
  return noContent();
};

/** The stored profile of this id, or a 404. */
export function storedProfile(project: ProjectData, policyId: string): StoredProfile {
  const stored = project.profiles.get(policyId);
  if (stored === undefined) fail(404, `Policy profile ${policyId} was not found.`);
  return stored;
}

/** The saved profile of this id, or a 404. */
export function savedPolicy(project: ProjectData, policyId: string): PolicyProfile {
  return storedProfile(project, policyId).profile;
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
