import { resolve, spec } from "./spec.js";

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
const methods = ["get", "post", "put", "delete", "patch"];

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
