// A stand-in for vitest's test API, for README blocks that are test files: an instrumented block
// registers its hooks and tests here, and the docs test runs them in order (vitest's `expect` is real).
export { expect } from "vitest";

type Hook = () => unknown;
const registered = {
  tests: [] as { name: string; fn: Hook }[],
  beforeAll: [] as Hook[],
  beforeEach: [] as Hook[],
  afterEach: [] as Hook[],
  afterAll: [] as Hook[],
};

/** Registers a test of a README block. */
export const test = (name: string, fn: Hook): void => {
  registered.tests.push({ name, fn });
};
/** Registers a README block's hook. */
export const beforeAll = (fn: Hook): void => void registered.beforeAll.push(fn);
/** Registers a README block's hook. */
export const beforeEach = (fn: Hook): void => void registered.beforeEach.push(fn);
/** Registers a README block's hook. */
export const afterEach = (fn: Hook): void => void registered.afterEach.push(fn);
/** Registers a README block's hook. */
export const afterAll = (fn: Hook): void => void registered.afterAll.push(fn);

/** Runs what the block registered, as vitest would, and forgets it; returns the tests' names. */
export async function runRegistered(): Promise<string[]> {
  const { tests, ...hooks } = registered;
  const names = tests.map((t) => t.name);
  try {
    for (const hook of hooks.beforeAll) await hook();
    for (const { fn } of tests) {
      for (const hook of hooks.beforeEach) await hook();
      await fn();
      for (const hook of hooks.afterEach) await hook();
    }
  } finally {
    for (const hook of hooks.afterAll) await hook();
    for (const list of Object.values(registered)) list.length = 0;
  }
  return names;
}
