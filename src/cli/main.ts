/**
 * What bin/statdup.js runs: the CLI and the process it talks to. The build
 * bundles this module, with the worker scripts, into dist/bundle/ (esbuild):
 * one file to load instead of some two hundred, which is most of a small scan's
 * start-up (see bin/statdup.js).
 */
export { processIo } from "./io.js";
export { run } from "./cli.js";
