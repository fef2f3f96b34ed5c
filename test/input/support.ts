/** What the input tests need of the system: FIFOs, and whether permissions bind us. */
import { execFileSync } from "node:child_process";

/** Make a FIFO at `path`; false where the system has no mkfifo. */
export function mkfifoSync(path: string): boolean {
  try {
    execFileSync("mkfifo", [path], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Root reads files whatever their permissions: permission tests are skipped as root. */
export const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;
