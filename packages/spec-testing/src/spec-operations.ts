import { specOperations as readOperations } from "@pgbeam/codegen";
import type { OperationId } from "@pgbeam/policies-types";
import { resolve, spec } from "./spec.js";

/** One operation of the bundled spec, as the suite iterates over them. */
export interface SpecOperation {
  operationId: OperationId;
  method: string;
  path: string;
  statuses: number[];
  requestExample: unknown;
  /** The first example body of each documented response, by status. */
  responseExamples: Map<number, unknown>;
}

type Json = Record<string, unknown>;

/** The first example of a request body or response (`example`, else the first of `examples`). */
function firstExample(bodyOwner: unknown): unknown {
  const content = resolve<Json>(bodyOwner)?.content as Json | undefined;
  const media = (content?.["application/json"] ?? content?.["application/problem+json"]) as
    | Json
    | undefined;
  if (media && "example" in media) return media.example;
  const first = media?.examples ? Object.values(media.examples as Json)[0] : undefined;
  return first === undefined ? undefined : resolve<Json>(first).value;
}

/** Every operation in the bundled spec with its documented statuses and first examples. */
export const specOperations: SpecOperation[] = readOperations(spec).map(
  ({ operationId, method, path, operation, responses }) => ({
    operationId: operationId as OperationId,
    method,
    path,
    statuses: responses.map((r) => r.status),
    requestExample: firstExample(operation.requestBody),
    responseExamples: new Map(
      Object.entries(operation.responses as Json).map(([status, response]) => [
        Number(status),
        firstExample(response),
      ]),
    ),
  }),
);
