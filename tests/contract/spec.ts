import { readFileSync } from "node:fs";
import { bundledSpecPath } from "../mock/index.js";

/** One operation of the bundled spec, as the suite iterates over them. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  statuses: number[];
  requestExample: unknown;
}

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(bundledSpecPath, "utf8")) as Json;
const methods = ["get", "post", "put", "delete", "patch"];

function resolveRef(value: unknown): Json {
  const ref = (value as Json | undefined)?.$ref;
  if (typeof ref !== "string") return value as Json;
  return ref
    .slice(2)
    .split("/")
    .reduce<Json>((node, key) => node[key] as Json, spec);
}

function firstRequestExample(operation: Json): unknown {
  const media = (resolveRef(operation.requestBody)?.content as Json | undefined)?.[
    "application/json"
  ] as Json | undefined;
  const examples = media?.examples as Json | undefined;
  const first = examples ? Object.values(examples)[0] : undefined;
  return first === undefined ? undefined : resolveRef(first).value;
}

/** Every operation in the bundled spec with its documented statuses and first request example. */
export const specOperations: SpecOperation[] = Object.entries(spec.paths as Json).flatMap(
  ([path, item]) =>
    methods
      .filter((method) => (item as Json)[method])
      .map((method) => {
        const operation = (item as Json)[method] as Json;
        return {
          operationId: operation.operationId as string,
          method: method.toUpperCase(),
          path,
          statuses: Object.keys(operation.responses as Json).map(Number),
          requestExample: firstRequestExample(operation),
        };
      }),
);
