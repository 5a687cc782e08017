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
    if (route.operation.method !== method) continue;
    const pathParams = matchPath(route, parts);
    if (pathParams !== undefined) return { operation: route.operation, pathParams };
  }
  return undefined;
}

/** The methods the spec's operations define for this path (empty for a path it does not have). */
export function allowedMethods(pathname: string): string[] {
  const parts = pathname.split("/");
  return routes
    .filter((route) => matchPath(route, parts) !== undefined)
    .map((route) => route.operation.method);
}

/** The path parameters when the path's segments fit the route's template. */
function matchPath(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
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
  return matched ? pathParams : undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
