/**
 * Merge the configuration into a parsed command, run as commander's preAction
 * hook: defaults < package.json#statdup < config file < command-line flags.
 *
 * A value from the configuration is set only where the option's value did not
 * come from the command line (commander's `getOptionValueSource`), and
 * `inputs` only when the command line names none. Keys for options another
 * command has (`maxSimilarity` while running `scan`) are ignored; `explain`
 * takes neither `format` nor `output` from it (it writes text or json).
 */
import type { Command } from "commander";
import { loadConfig } from "../config/load-config.js";
import type { CliIo } from "./io.js";

const NOT_FOR_EXPLAIN = new Set(["format", "output"]);

export async function applyConfig(cmd: Command, io: CliIo): Promise<readonly string[]> {
  const explicit = cmd.getOptionValue("config") as string | false | undefined;
  const { files, values } = await loadConfig({ cwd: io.cwd, explicit });
  const attributes = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [key, value] of Object.entries(values)) {
    if (cmd.name() === "explain" && NOT_FOR_EXPLAIN.has(key)) continue;
    if (key === "inputs") {
      if (cmd.args.length === 0 && cmd.registeredArguments[0]?.variadic) cmd.processedArgs[0] = value;
      continue;
    }
    if (!attributes.has(key)) continue;
    const source = cmd.getOptionValueSource(key);
    if (source === "cli" || source === "env") continue;
    cmd.setOptionValueWithSource(key, value, "config");
  }
  return files;
}
