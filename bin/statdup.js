#!/usr/bin/env node
// Thin shim: the CLI lives in the library (src/cli). Set exitCode rather than
// calling process.exit() so that piped output is flushed in full.
import { statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// Less inlining by V8's optimising compiler (V8's default budget is 920 bytecodes
// per optimised function): a scan compiles its hot code once per thread, and at
// 10,000 documents V8's compiling threads take a quarter of the CPU spent by the
// end of fingerprinting. Set here, once the code is loaded but before it runs, for this thread and
// the workers it starts (V8's flags are the process's); a value given to node on its
// command line, in either spelling, is left alone. Set at run time like this, in
// alternating runs against V8's default: 10,000 documents 3.10 s against 3.17 s
// (medians of six; user CPU 4.72 against 4.99 s), 100,000 24.8 against 25.4 s. The
// price: with any V8 flag changed, Node no longer uses its code cache for the
// built-in modules loaded after it (a worker starts in about 78 ms instead of 44),
// so a scan of a few dozen files takes about 20 ms longer.

// The CLI as the build bundled it (dist/bundle/main.js, one file with its
// dependencies), unless the compiled modules it was made from were written well
// after it (dist/ rebuilt by tsc alone): then those, which are the truth. Not a
// plain "older than": an npm install writes the package's files one by one in
// tarball order (dist/bundle/ before dist/cli/), milliseconds apart, whatever
// times they were built at. (tsc in watch or incremental mode rewrites only the
// files that changed, and may leave dist/cli/main.js as it was: run `npm run
// build`.) Loading one file instead of some two hundred takes the five seeds'
// scan from about 275 to 188 ms (medians of 25 alternating runs); at 10,000
// documents it is lost in the drift.
const REBUILT_AFTER_MS = 2000;
function cliModule() {
  const bundled = new URL("../dist/bundle/main.js", import.meta.url);
  const compiled = new URL("../dist/cli/main.js", import.meta.url);
  try {
    if (statSync(compiled).mtimeMs - statSync(bundled).mtimeMs <= REBUILT_AFTER_MS) return bundled.href;
  } catch {
    // no bundle, or no compiled CLI: the import below says which
  }
  return compiled.href;
}
const { processIo, run } = await import(cliModule());

const INLINING = "--max-inlined-bytecode-size-cumulative";
if (!process.execArgv.some((a) => a.replace(/_/g, "-").startsWith(INLINING))) setFlagsFromString(`${INLINING}=150`);

process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0); // reader went away (e.g. `| head`): end quietly
  throw err;
});
process.exitCode = await run(process.argv.slice(2), processIo());
