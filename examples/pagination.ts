// Pagination: iterate over every profile, or walk the pages yourself.
import { createPolicyClient } from "@pgbeam/policies-client";

const pgbeam = createPolicyClient();
const projectId = "prj_8Kx2mQ4vLp";

// Every profile of every page; a page is fetched only when the loop reaches it.
const names: string[] = [];
for await (const profile of pgbeam.policies.listAllPolicyProfiles(projectId, { page_size: 100 })) {
  names.push(profile.name);
}
console.log(`all profiles: ${names.join(", ")}`);

// One page at a time, e.g. to show a "next" button.
const page = await pgbeam.policies.listPolicyProfiles(projectId, { page_size: 2 });
console.log(
  `first page: ${page.policies.length} profile(s); next page token: ${page.next_page_token || "(none, last page)"}`,
);
