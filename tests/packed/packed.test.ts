// What users get is what we test: pack every published package, install the tarballs into a
// throw-away project, and use them from ESM, CommonJS and TypeScript (node16 and bundler).
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { installPackedPackages, publishedPackages } from "./install-packed.js";
import { installSize } from "./install-size.js";
import { mswVersions } from "./msw-versions.js";

const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
let project: string;
let server: Server;
let baseUrl: string;

const profile = {
  id: "pol_1",
  project_id: "prj_1",
  name: "packed",
  access_mode: "read_only",
  table_allowlist: [],
  table_denylist: [],
  masking_rules: [],
  created_at: "2026-11-25T10:00:00Z",
  updated_at: "2026-11-25T10:00:00Z",
};

const consumerJs = (loader: string) => `${loader}
const pgbeam = createPolicyClient({ apiKey: "pgb_packed", baseUrl: process.env.BASE_URL, timeoutMs: 5000, maxRetries: 0 });
pgbeam.policies.getPolicyProfile("prj_1", "pol_1").then(async (p) => {
  const checked = validatePolicyProfile(p);
  const engine = await createEngine();
  const offline = engine.evaluate("DELETE FROM t WHERE id = 1", p).rule;
  console.log(JSON.stringify({ name: p.name, valid: checked.ok, lint: lintPolicyProfile(p).summary, offline }));
});
`;

const consumerTs = `import { createPolicyClient, NotFoundError, type PolicyProfile } from "@pgbeam/policies-client";
import { createEngine, type PolicyEngine } from "@pgbeam/policies-engine";
import { validatePolicyProfileInput } from "@pgbeam/policies-validators";
import type { DryEvalInput } from "@pgbeam/policies-types";

declare const env: { PGBEAM_API_KEY: string | undefined; PGBEAM_BASE_URL: string | undefined };
const pgbeam = createPolicyClient({ apiKey: env.PGBEAM_API_KEY ?? "pgb_packed", baseUrl: env.PGBEAM_BASE_URL });
export async function named(): Promise<string> {
  const profile: PolicyProfile = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
  const input: DryEvalInput = { sql: "select 1", policy_id: profile.id };
  const result = validatePolicyProfileInput({ name: profile.name });
  const engine: PolicyEngine = await createEngine();
  if (engine.evaluate(input.sql, profile).verdict === "block") return "blocked";
  return result.ok ? input.sql : String(new NotFoundError({ status: 404, code: undefined, message: "", requestId: undefined, headers: new Headers(), body: null }));
}
`;

// The mock's MSW entry as its README uses it, on msw 3 (the runtime matrix runs it on both majors).
const consumerMswTs = `import { createPolicyMock } from "@pgbeam/policies-mock";
import { failOnUnhandledRequests, mswHandlers } from "@pgbeam/policies-mock/msw";
import { setupWorker } from "msw/browser";
import { setupServer } from "msw/node";

declare const env: { PGBEAM_API_KEY: string | undefined };
const mock = createPolicyMock({ apiKey: env.PGBEAM_API_KEY });
const server = setupServer(...mswHandlers(mock));
server.listen(failOnUnhandledRequests);
export const worker = setupWorker(...mswHandlers(mock, { baseUrl: undefined }));
export const started = worker.start({ ...failOnUnhandledRequests, quiet: true });
`;

// moduleResolution node10 (no `exports`): every subpath resolves through `typesVersions`.
const consumerNode10Ts = `import { createPolicyMock } from "@pgbeam/policies-mock";
import { failOnUnhandledRequests, mswHandlers } from "@pgbeam/policies-mock/msw";
import { createPolicyMock as createNodeMock } from "@pgbeam/policies-mock/node";
import { createEngine } from "@pgbeam/policies-engine";
import type wasm from "@pgbeam/policies-engine/libpg-query.wasm";

export const handlers = mswHandlers(createPolicyMock(), { baseUrl: undefined });
export const listening: Promise<string> = createNodeMock().listen();
export const options: { onUnhandledFrame: "error" } = failOnUnhandledRequests;
export const engine = (source: typeof wasm) => createEngine({ wasm: source });
`;

beforeAll(async () => {
  server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(profile));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  project = mkdtempSync(join(tmpdir(), "pgbeam-packed-"));
  // With msw 3 beside the mock, as a plain `npm install` (no --legacy-peer-deps).
  await installPackedPackages(project, { msw: mswVersions[3] });
  writeFileSync(
    join(project, "esm.mjs"),
    consumerJs(`import { createPolicyClient } from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import { lintPolicyProfile, validatePolicyProfile } from "@pgbeam/policies-validators";`),
  );
  writeFileSync(
    join(project, "cjs.cjs"),
    consumerJs(`const { createPolicyClient } = require("@pgbeam/policies-client");
const { createEngine } = require("@pgbeam/policies-engine");
const { lintPolicyProfile, validatePolicyProfile } = require("@pgbeam/policies-validators");`),
  );
  writeFileSync(join(project, "consumer.ts"), consumerTs);
  writeFileSync(join(project, "consumer.mts"), consumerTs);
  writeFileSync(join(project, "consumer-msw.mts"), consumerMswTs);
  writeFileSync(join(project, "consumer-node10.ts"), consumerNode10Ts);
  writeFileSync(
    join(project, "tsconfig.node10.json"),
    JSON.stringify({
      compilerOptions: {
        module: "commonjs",
        moduleResolution: "node10",
        target: "es2022",
        lib: ["es2022", "dom"],
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        // Resolution is what node10 changes; msw's own declarations are not ours to check.
        skipLibCheck: true,
        types: [],
      },
      files: ["consumer-node10.ts"],
    }),
  );
  for (const resolution of ["node16", "bundler"]) {
    const module = resolution === "node16" ? "node16" : "preserve";
    writeFileSync(
      join(project, `tsconfig.${resolution}.json`),
      JSON.stringify({
        compilerOptions: {
          module,
          moduleResolution: resolution,
          target: "es2022",
          lib: ["es2022", "dom"],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["consumer.ts", "consumer.mts", "consumer-msw.mts"],
      }),
    );
  }
}, 120_000);

afterAll(() => {
  server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

test.each(["esm.mjs", "cjs.cjs"])(
  "%s: the installed tarballs load and make a real call",
  async (file) => {
    // Asynchronous, so this process's test server can answer the child's request.
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd: project,
      env: { ...process.env, BASE_URL: baseUrl },
    });
    expect(JSON.parse(stdout)).toEqual({
      name: "packed",
      valid: true,
      lint: { error: 0, warning: 1, info: 1 },
      offline: "read_only",
    });
  },
);

test.each(["node16", "bundler", "node10"])(
  "TypeScript with moduleResolution %s type-checks a consumer",
  (resolution) => {
    execFileSync(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], {
      cwd: project,
      stdio: "pipe",
    });
  },
  // A whole type-check of every package's declarations (and msw 3's): about 7 s alone, two
  // minutes and more while the rest of `pnpm test` shares the two cores.
  240_000,
);

test("the mock's bin starts from the installed tarball and keeps state", async () => {
  const bin = join(project, "node_modules", ".bin", "pgbeam-policies-mock");
  const child = spawn(bin, ["--port", "0", "--api-key", "pgb_packed"], { cwd: project });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const found = output.split(/\s/).find((word) => word.startsWith("http://"));
        if (found) resolve(found);
      });
      child.once("exit", (code) => reject(new Error(`the bin exited with ${code}: ${output}`)));
    });
    const headers = { authorization: "Bearer pgb_packed", "content-type": "application/json" };
    const base = `${url}/v1/projects/prj_packed/policies`;
    const created = await fetch(base, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "packed" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const fetched = await fetch(`${base}/${id}`, { headers });
    expect(((await fetched.json()) as { name: string }).name).toBe("packed");
    expect((await fetch(base)).status).toBe(401);
  } finally {
    child.kill("SIGTERM");
  }
});

// The scoped names, as the docs say: the unscoped `pgbeam-policies…` names are not ours on npm.
test.each(["@pgbeam/policies-cli", "@pgbeam/policies-mock"])(
  "npx %s --version works from the packed tarball",
  (name) => {
    const printed = execFileSync("npx", ["--no-install", name, "--version"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(printed.trim()).toMatch(/^\d+\.\d+\.\d+/);
  },
);

test("one validator bundles alone in 3.2 kB brotli, without Ajv, and works", async () => {
  const { build } = await import("esbuild");
  const bundle = async (source: string, format: "esm" | undefined) => {
    const entry = join(project, "one-validator.mjs");
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: project,
      bundle: true,
      minify: true,
      treeShaking: true,
      ...(format ? { format } : {}),
      write: false,
    });
    return result.outputFiles[0]?.text ?? "";
  };
  // Measured as size-limit measures the package's budget (the same esbuild, an entry that uses
  // the import, less the same entry without it), but from the installed tarball.
  const measured = await bundle(
    'import { validatePolicyProfileInput } from "@pgbeam/policies-validators";\nconsole.log(validatePolicyProfileInput);\n',
    undefined,
  );
  const empty = await bundle("console.log(0);\n", undefined);
  const added = brotliCompressSync(measured).length - brotliCompressSync(empty).length;
  expect(added).toBeLessThanOrEqual(3200);
  expect(measured).not.toMatch(/ajv/i);
  const code = await bundle(
    'export { validatePolicyProfileInput } from "@pgbeam/policies-validators";\n',
    "esm",
  );
  const loaded = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`
  );
  const result = loaded.validatePolicyProfileInput({ name: "" });
  expect(result.ok).toBe(false);
  expect(result.issues[0].message).toBe('name must be at least 1 character long (got "")');
});

test("the bundled spec ships as @pgbeam/policies-types/openapi.json, matching specVersion", () => {
  const script = `
    const { createHash } = require("node:crypto");
    const { readFileSync } = require("node:fs");
    const { specVersion } = require("@pgbeam/policies-types");
    const text = readFileSync(require.resolve("@pgbeam/policies-types/openapi.json"));
    const spec = JSON.parse(text);
    console.log(JSON.stringify({ same: createHash("sha256").update(text).digest("hex") === specVersion.sha256, openapi: spec.openapi }));
  `;
  const printed = execFileSync(process.execPath, ["-e", script], {
    cwd: project,
    encoding: "utf8",
  });
  expect(JSON.parse(printed)).toEqual({ same: true, openapi: "3.1.0" });
});

test.each(publishedPackages)(
  "the %s tarball ships its README, LICENSE, a homepage, and no source maps",
  (name) => {
    const root = join(project, "node_modules", "@pgbeam", `policies-${name}`);
    const files = readdirSync(root, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]));
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ license: "MIT", homepage: "https://pgbeam.com" });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(3);
    expect(manifest.engines, "engines").toMatchObject({ node: expect.stringMatching(/^>=20/) });
  },
);

test.each(publishedPackages)(
  "the %s README stands alone on npm: no link leaves the package",
  (name) => {
    const root = join(project, "node_modules", "@pgbeam", `policies-${name}`);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(([^)\s]+)[^)]*\)|^\[[^\]]+\]:\s*(\S+)/gm)].map(
      (match) => match[1] ?? match[2] ?? "",
    );
    const relative = links.filter((link) => !/^(https?:|mailto:|#)/.test(link));
    // A relative link may only name a file the tarball ships.
    const broken = relative.filter((link) => {
      const path = link.split("#")[0] ?? "";
      return path.startsWith("/") || path.startsWith("..") || !existsSync(join(root, path));
    });
    expect(broken).toEqual([]);
  },
);

test.each(publishedPackages)(
  "the %s tarball asks for ranges of what users also install",
  (name) => {
    const root = join(project, "node_modules", "@pgbeam", `policies-${name}`);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    const exact = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(
      ([, version]) => /^\d/.test(version),
    );
    expect(exact).toEqual([]);
  },
);

// Install budgets in kB (1000 bytes), measured from the tarballs as npm installs them; the
// measured sizes and the reasons for each budget are in BENCHMARKS.md ("Install size").
const installBudgets = {
  engine: { packed: 700, unpacked: 3450, withDependencies: 5800 },
  mock: { packed: 90, unpacked: 330, withDependencies: 6100 },
} as const;

test.each(Object.keys(installBudgets) as (keyof typeof installBudgets)[])(
  "the %s installs within its size budget, with one copy of the parser's WebAssembly",
  (name) => {
    const tarballs = join(project, "tarballs");
    const tarball = readdirSync(tarballs).find((file) =>
      file.startsWith(`pgbeam-policies-${name}-`),
    );
    const size = installSize(project, `@pgbeam/policies-${name}`, join(tarballs, tarball ?? ""));
    const kB = (bytes: number) => Math.round(bytes / 100) / 10;
    const measured = {
      packed: kB(size.packed),
      unpacked: kB(size.unpacked),
      withDependencies: kB(size.withDependencies),
    };
    console.log(`${name}: ${JSON.stringify(measured)} kB, ${size.packages.length} packages`);
    const parsers = size.packages.flatMap((folder) =>
      readdirSync(folder, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith(".wasm") && !file.includes("node_modules"))
        .map((file) => join(folder, file)),
    );
    expect(parsers.map((path) => path.slice(project.length))).toEqual([
      "/node_modules/@pgbeam/policies-engine/dist/libpg-query.wasm",
    ]);
    for (const key of ["packed", "unpacked", "withDependencies"] as const) {
      expect(measured[key], key).toBeLessThanOrEqual(installBudgets[name][key]);
    }
  },
);
