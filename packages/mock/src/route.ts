import { type OperationSchemas, operationSchemas } from "@pgbeam/policies-validators";

/** The operation a request is for, with its path parameters as sent. */
export interface RouteMatch {
  operation: OperationSchemas;
  pathParams: Record<string, string>;
}

interface CompiledRoute {
  operation: OperationSchemas;
  segments: string[];
}

// Routes come from the spec's operations (method and path template), never from a second list.
const routes: CompiledRoute[] = operationSchemas.map((operation) => ({
  operation,
  segments: operation.path.split("/"),
}));

/** Matches a method and URL path against the spec's operations. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const parts = pathname.split("/");
  for (const route of routes) {
    if (route.operation.method !== method || route.segments.length !== parts.length) continue;
    const pathParams: Record<string, string> = {};
    const matched = route.segments.every((segment, i) => {
      const part = parts[i] ?? "";
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (part === "") return false;
        pathParams[segment.slice(1, -1)] = safeDecode(part);
        return true;
      }
      return segment === part;
    });
    if (matched) return { operation: route.operation, pathParams };
  }
  return undefined;
}

/** True when some operation has this path with another method. */
export function pathExists(pathname: string): boolean {
  return operationSchemas.some((operation) => matchRoute(operation.method, pathname) !== undefined);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
