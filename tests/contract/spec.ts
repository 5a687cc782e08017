import { readFileSync } from "node:fs";
import { bundledSpecPath } from "../mock/index.js";

/** One operation of the bundled spec, as the suite iterates over them. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  statuses: number[];
  requestExample: unknown;
  /** The first example body of each documented response, by status. */
  responseExamples: Map<number, unknown>;
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

/** The first example of a request body or response (`example`, else the first of `examples`). */
function firstExample(bodyOwner: unknown): unknown {
  const content = resolveRef(bodyOwner)?.content as Json | undefined;
  const media = content?.["application/json"] as Json | undefined;
  if (media && "example" in media) return media.example;
  const first = media?.examples ? Object.values(media.examples as Json)[0] : undefined;
  return first === undefined ? undefined : resolveRef(first).value;
}

/** Every operation in the bundled spec with its documented statuses and first examples. */
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
          requestExample: firstExample(operation.requestBody),
          responseExamples: new Map(
            Object.entries(operation.responses as Json).map(([status, response]) => [
              Number(status),
              firstExample(response),
            ]),
          ),
        };
      }),
);
