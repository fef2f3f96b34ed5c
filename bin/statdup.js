#!/usr/bin/env node
// Thin shim: the CLI lives in the library (src/cli). Set exitCode rather than
// calling process.exit() so that piped output is flushed in full.
import { setFlagsFromString } from "node:v8";
import { processIo } from "../dist/cli/io.js";
import { run } from "../dist/cli/cli.js";

// Less inlining by V8's optimising compiler (V8's default budget is 920 bytecodes
// per optimised function): a scan compiles its hot code once per thread, and at
// 10,000 documents that compiling is a quarter of all CPU time. Set here, before
// any of the scan's code is optimised, for this thread and the workers it starts
// (V8's flags are the process's); a value given to node on its command line is left
// alone. Measured in alternating runs against V8's default: 10,000 documents 2.92 s
// against 3.02 s (medians of six, user CPU 4.46 against 4.75 s), 100,000 24.8 s
// against 25.4 s; at 200,000 within the drift (README, Performance).
const INLINING = "--max-inlined-bytecode-size-cumulative";
if (!process.execArgv.some((a) => a.startsWith(INLINING))) setFlagsFromString(`${INLINING}=150`);

process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0); // reader went away (e.g. `| head`): end quietly
  throw err;
});
process.exitCode = await run(process.argv.slice(2), processIo());
