// The leak oracle in a worker thread: PGlite cannot cancel a statement (statement_timeout needs
// signals it does not have), so a generated statement that runs for ever is stopped by ending
// the thread. Messages in: {id, check | catalog}; out: {id, report | rows | error}.
import { parentPort } from "node:worker_threads";
import { LeakOracle } from "../oracle/leak-oracle.js";
import type { OracleRequest, OracleResponse } from "./oracle-protocol.js";

const port = parentPort;
if (port === null) throw new Error("oracle-worker.ts runs as a worker thread");

const oracle = await LeakOracle.start();

port.on("message", async (request: OracleRequest) => {
  const answer = (response: OracleResponse) => port.postMessage(response);
  try {
    if (request.type === "check") {
      const report = await oracle.check(request.sql, request.policy, request.result);
      answer({ id: request.id, type: "report", report });
    } else if (request.type === "catalog") {
      answer({ id: request.id, type: "rows", rows: await oracle.catalog(request.sql) });
    } else {
      await oracle.stop();
      answer({ id: request.id, type: "stopped" });
    }
  } catch (error) {
    answer({ id: request.id, type: "error", message: String(error) });
  }
});
port.postMessage({ id: 0, type: "ready" } satisfies OracleResponse);
