/**
 * The CLI as users run it: bin/statdup.js loads the build's bundle
 * (dist/bundle/, made by esbuild from the compiled modules) when it is as new as
 * those modules, and the compiled modules otherwise. The bundle must behave as
 * the modules do, workers included: a bundle whose worker scripts went missing
 * would scan in one thread without a word (fingerprintFiles falls back), so the
 * worker test watches which scripts the threads are started from.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedCorpus } from "../helpers/generated.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(ROOT, "bin", "statdup.js");
const BUNDLE = path.join(ROOT, "dist", "bundle", "main.js");
const COMPILED = path.join(ROOT, "dist", "cli", "main.js");

/** Scripts for the runs below: a runner (not \`node -e\`, whose flags the workers would inherit) and a preload. */
let scripts = "";
beforeAll(() => {
  scripts = mkdtempSync(path.join(os.tmpdir(), "statdup-bundle-scripts-"));
  // The CLI from the module named first (bundle or compiled), as bin/statdup.js runs it.
  writeFileSync(
    path.join(scripts, "run.mjs"),
    `import { pathToFileURL } from "node:url";
const [module, ...args] = process.argv.slice(2);
const { run, processIo } = await import(pathToFileURL(module).href);
process.exitCode = await run(args, processIo());
`,
  );
  // Every thread started is named on stderr, by the script it runs.
  writeFileSync(
    path.join(scripts, "watch-workers.mjs"),
    `import threads from "node:worker_threads";
import { syncBuiltinESMExports } from "node:module";
const Real = threads.Worker;
threads.Worker = class extends Real {
  constructor(script, options) {
    process.stderr.write("worker: " + String(script instanceof URL ? script.pathname : script) + "\\n");
    super(script, options);
  }
};
syncBuiltinESMExports();
`,
  );
});
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

function runFrom(module: string, args: string[], watchWorkers = false) {
  const preload = watchWorkers ? ["--import", pathToFileURL(path.join(scripts, "watch-workers.mjs")).href] : [];
  return spawnSync(process.execPath, [...preload, path.join(scripts, "run.mjs"), module, ...args], {
    cwd: ROOT,
    env: { NO_COLOR: "1", PATH: process.env.PATH },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
}

/** A report without its timing: JSON's elapsedMs, the text summary's "· 92 ms". */
const withoutTiming = (report: string) => report.replace(/"elapsedMs": \d+/, '"elapsedMs": 0').replace(/· \d+ ms$/m, "· ms");

describe("the build's bundle", () => {
  it("is there, as new as the compiled modules (npm run build makes both; tsc alone leaves the bundle behind)", () => {
    expect(existsSync(BUNDLE)).toBe(true);
    expect(statSync(COMPILED).mtimeMs - statSync(BUNDLE).mtimeMs).toBeLessThanOrEqual(0);
    for (const worker of ["fingerprint-worker.js", "verify-worker.js"]) expect(existsSync(path.join(ROOT, "dist", "bundle", worker))).toBe(true);
  });

  it("reports the seeds as the compiled modules do, in JSON and as text, and knows its version", () => {
    for (const format of ["json", "text"]) {
      const bundled = runFrom(BUNDLE, ["scan", "fixtures/seeds", "--format", format]);
      const compiled = runFrom(COMPILED, ["scan", "fixtures/seeds", "--format", format]);
      expect(bundled.status).toBe(0);
      expect(bundled.stderr).toBe(compiled.stderr);
      expect(withoutTiming(bundled.stdout)).toBe(withoutTiming(compiled.stdout));
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(runFrom(BUNDLE, ["--version"]).stdout.trim()).toBe(pkg.version);
  });

  describe("with worker threads", () => {
    const corpus = generatedCorpus(300, 5, "statdup-bundle-");
    it("fingerprints in workers started from the bundle's own worker script, with the same report", () => {
      const args = ["scan", corpus(), "--format", "json", "--jobs", "2"];
      const bundled = runFrom(BUNDLE, args, true);
      const compiled = runFrom(COMPILED, args, true);
      expect(bundled.stderr.split("\n").filter((l) => !l.startsWith("worker: "))).toEqual([""]);
      expect(bundled.status).toBe(0);
      const started = (r: { stderr: string }) => r.stderr.split("\n").filter((l) => l.startsWith("worker: "));
      expect(started(bundled)).toEqual([
        `worker: ${path.join(ROOT, "dist", "bundle", "fingerprint-worker.js")}`,
        `worker: ${path.join(ROOT, "dist", "bundle", "fingerprint-worker.js")}`,
      ]);
      expect(started(compiled)).toEqual([
        `worker: ${path.join(ROOT, "dist", "fingerprint", "fingerprint-worker.js")}`,
        `worker: ${path.join(ROOT, "dist", "fingerprint", "fingerprint-worker.js")}`,
      ]);
      expect(JSON.parse(bundled.stdout).documents).toHaveLength(300);
      expect(withoutTiming(bundled.stdout)).toBe(withoutTiming(compiled.stdout));
    });
  });
});

describe("bin/statdup.js chooses what to load", () => {
  // A copy of bin/statdup.js over a fake dist/ whose two CLIs say which one ran.
  let dir = "";
  const cli = (name: string) => `export function processIo() { return {}; }
export async function run(argv) { process.stdout.write(${JSON.stringify(name)} + " " + argv.join(" ")); return 3; }
`;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "statdup-bin-"));
    mkdirSync(path.join(dir, "bin"));
    mkdirSync(path.join(dir, "dist", "cli"), { recursive: true });
    mkdirSync(path.join(dir, "dist", "bundle"));
    copyFileSync(BIN, path.join(dir, "bin", "statdup.js"));
    writeFileSync(path.join(dir, "dist", "cli", "main.js"), cli("compiled"));
    writeFileSync(path.join(dir, "dist", "bundle", "main.js"), cli("bundle"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bin = () => spawnSync(process.execPath, [path.join(dir, "bin", "statdup.js"), "scan", "x"], { encoding: "utf8" });
  const age = (rel: string, seconds: number) => {
    const t = Date.now() / 1000 - seconds;
    utimesSync(path.join(dir, "dist", ...rel.split("/")), t, t);
  };

  it("the bundle when it is as new as the compiled CLI, passing the arguments and the exit code", () => {
    age("cli/main.js", 60);
    age("bundle/main.js", 30);
    const r = bin();
    expect(r.stdout).toBe("bundle scan x");
    expect(r.status).toBe(3);
  });

  it("the bundle when the compiled CLI is newer by milliseconds (an npm install writes dist/bundle/ first, dist/cli/ next)", () => {
    age("bundle/main.js", 30.5);
    age("cli/main.js", 30);
    expect(bin().stdout).toBe("bundle scan x");
  });

  it("the compiled CLI when it was written seconds after the bundle (dist/ rebuilt by tsc alone)", () => {
    age("bundle/main.js", 60);
    age("cli/main.js", 30);
    expect(bin().stdout).toBe("compiled scan x");
  });

  it("the compiled CLI when there is no bundle", () => {
    rmSync(path.join(dir, "dist", "bundle"), { recursive: true });
    expect(bin().stdout).toBe("compiled scan x");
  });
});
