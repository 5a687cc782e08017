import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["diff/test/**/*.test.ts", "test/**/*.test.ts"] } });
