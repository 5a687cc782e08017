import type { paths } from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import { createApprovalRulesResource } from "./approval-rules.js";
import { createLog } from "./logger.js";
import { createClient } from "./openapi-fetch-interop.js";
import { type ClientOptions, resolveOptions } from "./options.js";
import { createPoliciesResource } from "./policies.js";
import type { Resources } from "./resources.js";
import { createTransport } from "./transport.js";

/** A configured PgBeam Policies API client: data in, data out, typed errors thrown. */
export interface PolicyClient extends Resources {
  /** The underlying openapi-fetch client (`{ data, error }` results), sharing auth, retries, timeouts and logging. */
  readonly raw: Client<paths>;
}

/** Creates a client; throws a `PgBeamError` naming the option when one is invalid or no API key is found. */
export function createPolicyClient(options: ClientOptions = {}): PolicyClient {
  const resolved = resolveOptions(options);
  const transport = createTransport({
    ...resolved,
    log: createLog(resolved.logger, resolved.logLevel),
  });
  const raw = createClient<paths>({
    baseUrl: resolved.baseUrl,
    headers: resolved.headers,
    fetch: (request) => transport(request),
  });
  return {
    policies: createPoliciesResource(raw, transport),
    approvalRules: createApprovalRulesResource(raw, transport),
    raw,
  };
}
