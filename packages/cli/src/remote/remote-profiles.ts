import type { PolicyClient, PolicyProfile } from "@pgbeam/policies-client";

/** Every profile of the project, all pages. */
export async function remoteProfiles(
  pgbeam: PolicyClient,
  project: string,
): Promise<PolicyProfile[]> {
  const remote: PolicyProfile[] = [];
  for await (const profile of pgbeam.policies.listAllPolicyProfiles(project, { page_size: 100 }))
    remote.push(profile);
  return remote;
}
