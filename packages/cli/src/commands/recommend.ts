import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { PolicyProfile, PolicyRecommendation } from "@pgbeam/policies-client";
import {
  validatePolicyRecommendationInput,
  validateRecommendAgentPolicyPathParams,
} from "@pgbeam/policies-validators";
import type { Command } from "commander";
import { stringify } from "yaml";
import { requireProject } from "../config.js";
import { type CommandContext, example } from "../context.js";
import { planProfileWrites } from "../files/profile-writes.js";
import { writeInside } from "../files/write-inside.js";
import { checkFlag } from "../flag-check.js";
import { exitCodes, UsageError } from "../io.js";
import { credentialFlag, recommendationFromFile } from "../offline-replay/recommend-from-file.js";
import { impactOf, showImpacts } from "../remote/replay-impact.js";
import { visible } from "../terminal/visible.js";
import { commandLine } from "../text/command-line.js";
import { count } from "../text/plural.js";

/** The most replayed statements written as test cases of the candidate. */
const maxCases = 50;

interface RecommendOptions {
  agent?: string;
  credential?: string;
  traffic?: string;
  lookbackDays?: string;
  name?: string;
  force?: boolean;
}

/** YAML comment lines: every note made visible, so a line break cannot end the comment. */
const comments = (lines: readonly string[]) => lines.map((line) => `# ${visible(line)}\n`).join("");

/**
 * `recommend --agent ID`: asks PgBeam for the tightest profile that still passes what the agent
 * ran, writes it as NAME.yaml (never over a file without `--force`) with the notes as comments,
 * and prints the replay that proves it. Exit 1 when history is insufficient or the file exists.
 */
export function registerRecommend(root: Command, context: CommandContext) {
  const { io, out, paint, settings, client, exit } = context;
  root
    .command("recommend")
    .description("write the profile PgBeam recommends for an agent credential, with its replay")
    .option("--agent <id>", "the agent credential (agt_…)")
    .option(
      "--traffic <file>",
      "offline: derive the profile from this audit-log export (no API key)",
    )
    .option("--credential <id>", "with --traffic: the agent credential (as --agent)")
    .option("--lookback-days <days>", "days of audit history to analyse (default: the API's)")
    .option("--name <name>", "the profile's name (default: the candidate's)")
    .option("--force", "overwrite the profile's file if it exists")
    .addHelpText(
      "after",
      example(
        "recommend --agent agt_support --lookback-days 14",
        "recommend --traffic audit.jsonl.gz --credential agt_support",
      ),
    )
    .action(async (options: RecommendOptions) => {
      const config = settings();
      const agent = credentialFlag(options);
      let recommendation: PolicyRecommendation;
      if (options.traffic !== undefined)
        recommendation = await recommendationFromFile(context, options, agent);
      else {
        const project = requireProject(config);
        checkFlag(
          "--agent",
          validateRecommendAgentPolicyPathParams({ project_id: project, agent_id: agent }),
        );
        const days = options.lookbackDays === undefined ? undefined : Number(options.lookbackDays);
        const input = days === undefined ? {} : { lookback_days: days };
        checkFlag("--lookback-days", validatePolicyRecommendationInput(input));
        recommendation = await client(config).policies.recommendAgentPolicy(project, agent, input);
      }
      if (!recommendation.sufficient_history || recommendation.candidate === undefined) {
        out(
          paint.red(
            `No recommendation: ${visible(recommendation.message ?? "not enough history")}`,
          ),
        );
        return exit(exitCodes.error);
      }
      const candidate = {
        ...recommendation.candidate,
        ...(options.name === undefined ? {} : { name: options.name }),
      };
      mkdirSync(config.dir, { recursive: true });
      const { writes, collisions } = planProfileWrites(config.dir, io.cwd, [
        candidate as PolicyProfile,
      ]);
      const write = writes[0];
      if (write === undefined || collisions.length > 0)
        throw new UsageError(
          `--name: ${visible(candidate.name)} would share a file with another profile on a case-insensitive file system.`,
        );
      const testName = `${write.fileName.slice(0, write.fileName.lastIndexOf("."))}.test.yaml`;
      const exists = write.status !== "new" || existsSync(join(config.dir, testName));
      if (exists && options.force !== true)
        throw new UsageError(
          `${visible(write.shownPath)} or its test file exists: pass --force to overwrite them, or --name for another profile.`,
        );
      const header = [
        `Recommended${options.traffic === undefined ? " by PgBeam" : " offline"} for ${agent} from ${count(recommendation.observed_queries, "query shape")} (${recommendation.window_start} to ${recommendation.window_end}).`,
        ...(recommendation.notes ?? []).map((note) => `- ${note}`),
      ];
      writeInside(config.dir, write.fileName, `${comments(header)}${write.text}`);
      out(paint.green(`+ ${visible(write.shownPath)}`));
      const cases = (recommendation.replay?.items ?? []).slice(0, maxCases).map((item) => ({
        sql: item.sql,
        expect: { verdict: item.result.verdict },
      }));
      if (cases.length > 0) {
        const testHeader = comments([
          `The candidate's verdict on each statement of PgBeam's replay (${commandLine("test")}).`,
        ]);
        writeInside(config.dir, testName, `${testHeader}${stringify(cases, { lineWidth: 0 })}`);
        out(paint.green(`+ ${visible(relative(io.cwd, join(config.dir, testName)))}`));
      }
      if (recommendation.replay !== undefined)
        showImpacts(context, [
          impactOf(
            candidate.name,
            "",
            recommendation.replay,
            `from ${visible(agent)} over the same window`,
          ),
        ]);
      exit(exitCodes.ok);
    });
}
