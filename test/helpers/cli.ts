/** Run the CLI in-process with a fake io that captures stdout and stderr apart. */
import { run } from "../../src/cli/cli.js";
import type { CliIo } from "../../src/cli/io.js";
import type { HeapIo } from "../../src/cli/heap-limit.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeIoOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  readonly isTTY?: boolean;
  /** The process's heap as the CLI sees it; without, scans are not sized (as in a library). */
  readonly heap?: HeapIo;
}

export async function runCli(argv: readonly string[], options: FakeIoOptions): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: options.env ?? { NO_COLOR: "1" },
    cwd: options.cwd,
    readStdin: async () => options.stdin ?? "",
    ...(options.heap ? { heap: options.heap } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
