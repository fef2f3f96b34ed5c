// How every bench script ends: its main's exit code, or a one-line message and a
// failing exit code (never a stack trace for an expected failure).

/**
 * Run `main` and set the exit code from what it resolves to; when it throws, print
 * `<name>: <message>` on stderr and exit with `failureCode(error)` (2 by default).
 * @param {() => Promise<number>} main
 * @param {string} name
 * @param {(e: unknown) => number} [failureCode]
 */
export function runMain(main, name, failureCode = () => 2) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = failureCode(e);
    },
  );
}
