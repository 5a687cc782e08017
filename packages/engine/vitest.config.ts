import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests parse thousands of statements; a loaded CI machine needs more than 5 s.
    testTimeout: 60_000,
  },
});
