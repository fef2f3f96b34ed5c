#!/usr/bin/env node
// Thin shim: the CLI lives in the library (src/cli). Set exitCode rather than
// calling process.exit() so that piped output is flushed in full.
import { processIo } from "../dist/cli/io.js";
import { run } from "../dist/cli/cli.js";

process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0); // reader went away (e.g. `| head`): end quietly
  throw err;
});
process.exitCode = await run(process.argv.slice(2), processIo());
