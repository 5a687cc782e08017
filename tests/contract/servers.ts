import type { RequestOptions } from "@pgbeam/policies-client";
import { createPolicyMock, type MockSnapshot, type PolicyMock } from "@pgbeam/policies-mock";
import { exampleOf, type SpecOperation } from "@pgbeam/spec-testing";
import { inject } from "vitest";
import { ids } from "./clients.js";

/** A server the contract suite runs against, and how to make it answer a given status. */
export interface ServerUnderTest {
  name: string;
  /** True when success bodies are the spec's examples (Prism) rather than real state. */
  answersWithExamples: boolean;
  /** Starts the server (once) and returns its base URL. */
  start(): Promise<string>;
  /** Before each test: reset state, and arrange for the next call of `op` to answer `status`. */
  arrange(op: SpecOperation, status: number): RequestOptions;
  stop(): Promise<void>;
}

/** The Prism mock started by the global setup: `Prefer: code=N` picks the status. */
export const prismServer: ServerUnderTest = {
  name: "Prism",
  answersWithExamples: true,
  start: async () => inject("baseUrl"),
  arrange: (_, status) => ({ headers: { Prefer: `code=${status}` } }),
  stop: async () => undefined,
};

/**
 * Our stateful emulator over loopback HTTP, holding the suite's project and profile: a success
 * status comes from real state, an error status from an injected fault.
 */
export function emulatorServer(): ServerUnderTest {
  let mock: PolicyMock | undefined;
  let initial: MockSnapshot | undefined;
  return {
    name: "@pgbeam/policies-mock",
    answersWithExamples: false,
    async start() {
      if (mock !== undefined) return mock.listen();
      mock = createPolicyMock({ apiKey: inject("apiKey") });
      const seeded = { ...exampleOf("PolicyProfile"), id: ids.policyId, project_id: ids.projectId };
      type Seeded = Parameters<PolicyMock["seed"]>[1][number];
      mock.seed(ids.projectId, [{ ...seeded, name: "contract-suite-seed" } as Seeded]);
      const rule = {
        ...exampleOf("ApprovalRule"),
        id: ids.approvalRuleId,
        project_id: ids.projectId,
      };
      type SeededRule = Parameters<PolicyMock["seedApprovalRules"]>[1][number];
      mock.seedApprovalRules(ids.projectId, [
        { ...rule, name: "contract-suite-rule" } as SeededRule,
      ]);
      initial = mock.snapshot();
      return mock.listen();
    },
    arrange(op, status) {
      if (mock === undefined || initial === undefined) throw new Error("start() first");
      mock.restore(initial);
      mock.faults.clear();
      if (status >= 300) mock.faults.next(op.operationId, { status });
      return {};
    },
    stop: async () => mock?.close(),
  };
}
