// The replay's worker thread: reads the lines it is sent into shapes, hands them back, then judges
// the shapes it is given. Started by the worker pool from the built `dist/replay-worker.js`.
import { parentPort } from "node:worker_threads";
import { createEngine, type PolicyEngine } from "../../engine.js";
import type { CompiledPolicy } from "../../policy.js";
import { evaluateShape } from "../evaluate-shape.js";
import { ShapeCollector } from "../shape-collector.js";
import { compileFilter } from "../traffic-filter.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

const port = parentPort;
if (port === null) throw new Error("replay-worker runs only as a worker thread.");
const send = (message: FromWorker) => port.postMessage(message);
const decoder = new TextDecoder();

let engine: PolicyEngine | undefined;
let collector: ShapeCollector | undefined;
let compiled: { json: string; policy: CompiledPolicy } | undefined;

function handle(message: ToWorker): void {
  if (message.type === "start") {
    collector = new ShapeCollector(engine as PolicyEngine, compileFilter(message.filter), message);
    return;
  }
  const reader = collector as ShapeCollector;
  if (message.type === "lines") {
    const lines = decoder.decode(message.bytes).split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      reader.acceptLine(line.endsWith("\r") ? line.slice(0, -1) : line, message.firstLine + i);
    }
    send({ type: "read", entriesRead: reader.entriesRead, distinctShapes: reader.distinctShapes });
  } else if (message.type === "collect") {
    send({ type: "collected", collected: reader.collected() });
  } else {
    const judge = engine as PolicyEngine;
    const json = JSON.stringify(message.policy);
    if (compiled?.json !== json) compiled = { json, policy: judge.compile(message.policy) };
    const policy = compiled.policy;
    send({
      type: "judged",
      batch: message.batch,
      outcomes: message.shapes.map((shape) => evaluateShape(judge, policy, shape)),
    });
  }
}

createEngine().then(
  (loaded) => {
    engine = loaded;
    port.on("message", (message: ToWorker) => {
      try {
        handle(message);
      } catch (error) {
        send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    });
    send({ type: "ready" });
  },
  (error: unknown) =>
    send({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
);
