// Pages in a stable order whose tokens survive inserts and deletes between pages.
import type { PolicyProfile } from "@pgbeam/policies-types";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { clientFor } from "./helpers.js";

const project = "prj_pages";
const names = (profiles: PolicyProfile[]) => profiles.map((p) => p.name);

describe("pagination", () => {
  test("pages follow creation order; page_size defaults to 20; the last page has no token", async () => {
    const mock = createPolicyMock();
    mock.seed(
      project,
      Array.from({ length: 45 }, (_, i) => ({ name: `p${i}` })),
    );
    const { policies } = clientFor(mock);
    const first = await policies.listPolicyProfiles(project);
    expect(names(first.policies)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`));
    const second = await policies.listPolicyProfiles(project, {
      page_token: first.next_page_token as string,
    });
    const third = await policies.listPolicyProfiles(project, {
      page_token: second.next_page_token as string,
    });
    expect(names(third.policies)).toEqual(["p40", "p41", "p42", "p43", "p44"]);
    expect(third.next_page_token).toBeUndefined();
  });

  test("listAllPolicyProfiles walks every profile once, whatever the page size", async () => {
    const mock = createPolicyMock();
    mock.seed(
      project,
      Array.from({ length: 250 }, (_, i) => ({ name: `p${i}` })),
    );
    const { policies } = clientFor(mock);
    for (const pageSize of [1, 7, 100]) {
      const seen: string[] = [];
      for await (const profile of policies.listAllPolicyProfiles(project, { page_size: pageSize }))
        seen.push(profile.name);
      expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `p${i}`));
    }
  });

  test("inserts and deletes between pages never skip or repeat a profile that stays", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("insert", "delete"), fc.nat(40)), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (changes, pageSize) => {
          const mock = createPolicyMock();
          const seeded = mock.seed(
            project,
            Array.from({ length: 30 }, (_, i) => ({ name: `s${i}` })),
          );
          const { policies } = clientFor(mock);
          const deleted = new Set<string>();
          const seen: string[] = [];
          let token: string | undefined;
          let step = 0;
          do {
            const page = await policies.listPolicyProfiles(
              project,
              token === undefined
                ? { page_size: pageSize }
                : { page_size: pageSize, page_token: token },
            );
            seen.push(...names(page.policies));
            token = page.next_page_token;
            const change = changes[step++];
            if (change?.[0] === "insert")
              await policies.createPolicyProfile(project, { name: `new${step}` });
            if (change?.[0] === "delete") {
              const victim = seeded[change[1] % seeded.length] as PolicyProfile;
              if (!deleted.has(victim.name)) {
                deleted.add(victim.name);
                await policies.deletePolicyProfile(project, victim.id);
              }
            }
          } while (token !== undefined);
          const stayed = names(seeded).filter((name) => !deleted.has(name));
          for (const name of stayed) expect(seen.filter((n) => n === name)).toHaveLength(1);
          expect(new Set(seen).size).toBe(seen.length);
        },
      ),
      { seed: 1126, numRuns: 60 },
    );
  });

  test("100 000 profiles: 1 000 pages of 100 reach every profile (page cost is measured in bench/)", async () => {
    const mock = createPolicyMock();
    mock.seed(
      project,
      Array.from({ length: 100_000 }, (_, i) => ({ name: `p${i}` })),
    );
    const { policies } = clientFor(mock);
    let count = 0;
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await policies.listPolicyProfiles(
        project,
        token === undefined ? { page_size: 100 } : { page_size: 100, page_token: token },
      );
      count += page.policies.length;
      pages += 1;
      token = page.next_page_token;
    } while (token !== undefined);
    expect({ count, pages }).toEqual({ count: 100_000, pages: 1000 });
  });
});
