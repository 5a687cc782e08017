// The messages between the fuzzer and its oracle thread.
import type { DryEvalResult, PolicyProfileInput } from "@pgbeam/policies-types";
import type { LeakReport } from "../oracle/leak-oracle.js";

/** What the fuzzer asks the oracle thread. */
export type OracleRequest =
  | { id: number; type: "check"; sql: string; policy: PolicyProfileInput; result: DryEvalResult }
  | { id: number; type: "catalog"; sql: string }
  | { id: number; type: "stop" };

/** What the oracle thread answers (id 0 announces it is ready). */
export type OracleResponse =
  | { id: number; type: "ready" }
  | { id: number; type: "report"; report: LeakReport }
  | { id: number; type: "rows"; rows: unknown[] }
  | { id: number; type: "stopped" }
  | { id: number; type: "error"; message: string };
