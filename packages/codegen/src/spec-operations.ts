import { isJson, type Json } from "./json.js";
import { resolveRef } from "./resolve-ref.js";

/** The HTTP methods an OpenAPI path item can hold, in the order operations are listed. */
export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** One parameter of an operation, with its `$ref` followed. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Json;
  /** The component name when the parameter came from `components.parameters`. */
  component?: string;
}

/** One documented response of an operation, with its `$ref` followed. */
export interface SpecResponse {
  status: number;
  response: Json;
  /** The component name when the response came from `components.responses`. */
  component?: string;
}

/** One operation of the spec, in the shape every generator reads. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  tags: string[];
  operation: Json;
  /** Path-level then operation-level parameters (an operation-level one overrides its namesake). */
  parameters: SpecParameter[];
  /** The request body, `$ref` followed, or undefined when there is none. */
  requestBody: Json | undefined;
  /** The documented responses in status order. */
  responses: SpecResponse[];
}

function componentName(node: unknown): string | undefined {
  return isJson(node) && typeof node.$ref === "string" ? node.$ref.split("/").at(-1) : undefined;
}

function readParameters(document: Json, item: Json, operation: Json): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const node of [
    ...((item.parameters as unknown[]) ?? []),
    ...((operation.parameters as unknown[]) ?? []),
  ]) {
    const parameter = resolveRef(document, node);
    const component = componentName(node);
    const read: SpecParameter = {
      name: parameter.name as string,
      in: parameter.in as SpecParameter["in"],
      required: parameter.required === true,
      schema: resolveRef(document, parameter.schema ?? {}),
      ...(component === undefined ? {} : { component }),
    };
    byKey.set(`${read.in}:${read.name.toLowerCase()}`, read);
  }
  return [...byKey.values()];
}

/** Every operation of the spec, in path then method order; fails on a missing `operationId`. */
export function specOperations(document: Json): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, itemNode] of Object.entries(document.paths as Json)) {
    const item = resolveRef(document, itemNode);
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isJson(operation)) continue;
      if (typeof operation.operationId !== "string")
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      out.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        tags: (operation.tags as string[] | undefined) ?? [],
        operation,
        parameters: readParameters(document, item, operation),
        requestBody:
          operation.requestBody === undefined
            ? undefined
            : resolveRef(document, operation.requestBody),
        responses: Object.entries((operation.responses as Json) ?? {})
          .map(([status, node]) => {
            const component = componentName(node);
            return {
              status: Number(status),
              response: resolveRef(document, node),
              ...(component === undefined ? {} : { component }),
            };
          })
          .sort((a, b) => a.status - b.status),
      });
    }
  }
  return out;
}
