import { mkdirSync } from "node:fs";
import { relative } from "node:path";
import type { PolicyProfile } from "@pgbeam/policies-client";
import type { Command } from "commander";
import { pulledRules } from "../approval-rules/pulled-rules.js";
import { requireProject } from "../config.js";
import { type CommandContext, example } from "../context.js";
import { planProfileWrites } from "../files/profile-writes.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/**
 * `pull`: the project's profiles into files. Refuses (exit 1, nothing written) to overwrite a
 * file that says something else unless `--force`; names that would share a file on a
 * case-insensitive file system are reported and not written (exit 1).
 */
export function registerPull(root: Command, context: CommandContext) {
  const { io, out, paint, settings, client, runs } = context;
  root
    .command("pull")
    .description(
      "write the project's profiles into files (never over local changes without --force)",
    )
    .option("--force", "overwrite files whose content differs from the project's")
    .addHelpText("after", example("pull --project prj_8Kx2mQ4vLp"))
    .action(
      runs(async (options: { force?: boolean }) => {
        const config = settings();
        const project = requireProject(config);
        const remote: PolicyProfile[] = [];
        const pgbeam = client(config);
        for await (const profile of pgbeam.policies.listAllPolicyProfiles(project, {
          page_size: 100,
        }))
          remote.push(profile);
        mkdirSync(config.dir, { recursive: true });
        const profileWrites = planProfileWrites(config.dir, io.cwd, remote);
        const rules = await pulledRules(pgbeam, project, config.dir, io.cwd);
        const writes = [...profileWrites.writes, ...rules.writes];
        const collisions = [...profileWrites.collisions, ...rules.collisions];
        const conflicts = writes.filter((write) => write.status === "changed");
        if (conflicts.length > 0 && options.force !== true) {
          for (const conflict of conflicts) {
            out(
              paint.yellow(
                visible(`~ ${conflict.shownPath} differs from the project's ${conflict.name}:`),
              ),
            );
            for (const change of conflict.fieldChanges ?? [])
              out(
                visible(
                  `    ${change.field}: ${JSON.stringify(change.from)} (file) → ${JSON.stringify(change.to)} (project)`,
                ),
              );
            if (conflict.fieldChanges === undefined) out("    the file does not parse as YAML");
          }
          out(
            paint.red(
              `Nothing written: ${count(conflicts.length, "file")} would lose local changes. Run plan to see what apply would send, or pass --force to overwrite.`,
            ),
          );
          return exitCodes.error;
        }
        let written = 0;
        for (const write of writes) {
          if (write.status === "same") continue;
          writeInside(rules.folderFor(write) ?? config.dir, write.fileName, write.text);
          written++;
          out(visible(`${write.status === "new" ? "+" : "~"} ${write.shownPath}`));
        }
        for (const collision of collisions)
          out(
            paint.red(
              visible(
                `✗ ${collision.names.map((name) => JSON.stringify(name)).join(" and ")} would be the same file (${collision.fileName}) on a case-insensitive file system: not written. Rename one of them in the project.`,
              ),
            ),
          );
        const unchanged = writes.length - written;
        out(
          `Wrote ${count(written - rules.written(), "profile")}${rules.summary()} to ${visible(relative(io.cwd, config.dir) || ".")}${unchanged > 0 ? ` (${unchanged} unchanged)` : ""}.`,
        );
        return collisions.length > 0 ? exitCodes.error : exitCodes.ok;
      }),
    );
}
