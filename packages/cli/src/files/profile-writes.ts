import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { stringify } from "yaml";
import { type FieldChange, fieldChanges, fileFields } from "../profiles/plan-changes.js";
import { policyFiles, profileInput } from "../profiles/policy-files.js";
import { caseFoldKey, fileBaseOf } from "./profile-file-name.js";
import { checkedTarget } from "./write-inside.js";

/** One profile file a pull (or recommend) would write. */
export interface ProfileWrite {
  name: string;
  fileName: string;
  /** The path shown to the user. */
  shownPath: string;
  text: string;
  /** `new`: no file yet; `same`: the file already means this; `changed`: the file differs. */
  status: "new" | "same" | "changed";
  /** For a changed file that reads as a profile: each field, from the file's value to the new. */
  fieldChanges?: FieldChange[];
}

/** Profile names that would be one file on a case-insensitive file system: none is written. */
export interface NameCollision {
  names: string[];
  fileName: string;
}

/** The file text of a profile: the name is stored only when the file name cannot carry it. */
function fileText(profile: PolicyProfile, base: string, json: boolean): string {
  const fields = fileFields(profile);
  const content = base.includes("~") ? { name: profile.name, ...fields } : fields;
  return json ? `${JSON.stringify(content, null, 2)}\n` : stringify(content, { lineWidth: 0 });
}

/**
 * What writing `profiles` into `dir` would do, with every target checked first (inside the
 * folder, not a link): each file's status against what is there, and the names that collide.
 */
export function planProfileWrites(
  dir: string,
  cwd: string,
  profiles: readonly PolicyProfile[],
): { writes: ProfileWrite[]; collisions: NameCollision[] } {
  const local = existsSync(dir) ? policyFiles(dir, cwd) : [];
  const localByName = new Map(local.map((file) => [file.name, file]));
  const targets = profiles.map((profile) => {
    const existing = localByName.get(profile.name);
    const base = existing?.base ?? fileBaseOf(profile.name);
    const fileName = existing ? basename(existing.path) : `${base}.yaml`;
    return { profile, base, fileName, existing };
  });
  // Group by what a case-insensitive file system would see, local files included.
  const groups = new Map<string, Set<string>>();
  const addName = (key: string, name: string) =>
    groups.set(key, (groups.get(key) ?? new Set()).add(name));
  for (const { profile, base } of targets) addName(caseFoldKey(base), profile.name);
  for (const file of local)
    if (groups.has(caseFoldKey(file.base))) addName(caseFoldKey(file.base), file.name);
  const collisions: NameCollision[] = [];
  const writes: ProfileWrite[] = [];
  for (const { profile, base, fileName, existing } of targets) {
    const group = groups.get(caseFoldKey(base)) ?? new Set();
    if (group.size > 1) {
      if (!collisions.some((c) => c.fileName === `${caseFoldKey(base)}.yaml`))
        collisions.push({ names: [...group].sort(), fileName: `${caseFoldKey(base)}.yaml` });
      continue;
    }
    checkedTarget(dir, fileName);
    const text = fileText(profile, base, fileName.endsWith(".json"));
    const shownPath = relative(cwd, join(dir, fileName)) || fileName;
    if (existing === undefined) {
      writes.push({ name: profile.name, fileName, shownPath, text, status: "new" });
      continue;
    }
    const readable = existing.syntaxErrors.length === 0;
    const changes = readable
      ? fieldChanges(profileInput(existing), profile as PolicyProfileInput)
      : undefined;
    const status = changes !== undefined && changes.length === 0 ? "same" : "changed";
    writes.push({
      name: profile.name,
      fileName,
      shownPath,
      text,
      status,
      ...(changes === undefined ? {} : { fieldChanges: changes }),
    });
  }
  return { writes, collisions };
}
