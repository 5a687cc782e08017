import type { operations } from "./policies.gen.js";

/** The id of every operation of the spec (its `operationId`): the key each package's operation table uses. */
export type OperationId = keyof operations;
