/**
 * Configuration discovery (lilconfig) and loading.
 *
 * Searched upward from the working directory, stopping at the repository root
 * (the nearest folder with a `.git`; outside a repository, at the home folder or
 * the filesystem root, as lilconfig does), in each folder in this order:
 * `statdup.config.json`, `.statduprc.json`, `.statduprc`, `.statdup.json` — the
 * nearest wins. Separately, the nearest `package.json` with a `"statdup"` key.
 * Precedence, lowest first: defaults < package.json#statdup < the config file <
 * command-line flags. `-c FILE` loads FILE alone (it may be a package.json);
 * `--no-config` loads nothing.
 *
 * Values are validated against docs/statdup-config.schema.json (an invalid one
 * is a ConfigError naming the file and key: exit 2), then made independent of
 * the file's place: paths (`inputs`, `output`, `baseline`, `cacheLocation`) become absolute
 * against the file's folder, and `allow`/`allowFamily` globs are rebased from
 * the file's folder onto the working directory.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lilconfig, type LoaderSync } from "lilconfig";
import { ConfigError } from "../errors.js";

export const CONFIG_FILE_NAMES = ["statdup.config.json", ".statduprc.json", ".statduprc", ".statdup.json"] as const;

/** Keys holding a path, or a list of paths, relative to the configuration file. */
const PATH_KEYS = ["inputs", "output", "baseline", "cacheLocation", "ignoreFile"] as const;
/** Keys holding globs of documents, rebased onto the working directory. */
const DOCUMENT_GLOB_KEYS = ["allow", "allowFamily"] as const;
/** Keys that only comment the file. */
const COMMENT_KEYS = ["$schema", "//"] as const;

export interface LoadedConfig {
  /** The files read, lowest precedence first, as shown to the user. */
  readonly files: readonly string[];
  /** Merged values by option name (camelCase), ready to use from the working directory. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface ConfigRequest {
  readonly cwd: string;
  /** `-c FILE` (a path), `--no-config` (false), or neither (undefined: search). */
  readonly explicit?: string | false | undefined;
}

function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === "" ? file : rel.split(path.sep).join("/");
}

/** The nearest folder at or above `dir` that holds `.git`, or undefined. */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, ".git"))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

function jsonLoader(cwd: string): LoaderSync {
  return (filepath, content) => {
    try {
      return JSON.parse(content.replace(/^\uFEFF/, "")) as unknown;
    } catch (err) {
      throw new ConfigError(display(cwd, filepath), `not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  };
}

function toSlash(p: string): string {
  return p.split(path.sep).join("/");
}

function rebaseGlob(glob: string, from: string, cwd: string): string {
  const rel = toSlash(path.relative(cwd, from));
  if (rel === "") return glob;
  const negated = glob.startsWith("!");
  const body = negated ? glob.slice(1) : glob;
  return (negated ? "!" : "") + path.posix.join(rel, body);
}

/** Validate one layer and make its paths independent of where the file is. */
async function layer(data: unknown, file: string, cwd: string, prefix: string): Promise<Record<string, unknown>> {
  const name = display(cwd, file);
  // The validator (ajv, with the schema compiled) is loaded only when there is a file to check.
  const { validateConfig } = await import("./validate-config.js");
  const valid = validateConfig(data, name, prefix);
  const dir = path.dirname(file);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(valid)) {
    if ((COMMENT_KEYS as readonly string[]).includes(key)) continue;
    if ((PATH_KEYS as readonly string[]).includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v: string) => path.resolve(dir, v)) : path.resolve(dir, value as string);
    } else if ((DOCUMENT_GLOB_KEYS as readonly string[]).includes(key)) {
      out[key] = (value as string[]).map((g) => rebaseGlob(g, dir, cwd));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function readExplicit(file: string, cwd: string): { data: unknown; prefix: string } {
  const name = display(cwd, file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(name, code === "ENOENT" ? "configuration file not found" : `cannot read: ${(err as Error).message}`, { cause: err });
  }
  const data = jsonLoader(cwd)(file, text) as unknown;
  if (path.basename(file) !== "package.json") return { data, prefix: "" };
  const inner = data !== null && typeof data === "object" ? (data as Record<string, unknown>)["statdup"] : undefined;
  if (inner === undefined) throw new ConfigError(name, 'has no "statdup" key');
  return { data: inner, prefix: "statdup" };
}

/** Find, read, validate and merge the configuration for a run. */
export async function loadConfig(request: ConfigRequest): Promise<LoadedConfig> {
  const cwd = path.resolve(request.cwd);
  if (request.explicit === false) return { files: [], values: {} };
  if (typeof request.explicit === "string") {
    const file = path.resolve(cwd, request.explicit);
    const { data, prefix } = readExplicit(file, cwd);
    return { files: [display(cwd, file)], values: await layer(data, file, cwd, prefix) };
  }

  const stopDir = repositoryRoot(cwd) ?? os.homedir();
  const loaders = { ".json": jsonLoader(cwd), noExt: jsonLoader(cwd) };
  const [pkg, file] = await Promise.all([
    lilconfig("statdup", { searchPlaces: ["package.json"], packageProp: "statdup", stopDir, loaders, cache: false }).search(cwd),
    lilconfig("statdup", { searchPlaces: [...CONFIG_FILE_NAMES], stopDir, loaders, cache: false }).search(cwd),
  ]);
  const files: string[] = [];
  let values: Record<string, unknown> = {};
  if (pkg) {
    files.push(display(cwd, pkg.filepath));
    values = { ...values, ...(await layer(pkg.config, pkg.filepath, cwd, "statdup")) };
  }
  if (file) {
    files.push(display(cwd, file.filepath));
    values = { ...values, ...(await layer(file.config, file.filepath, cwd, "")) };
  }
  return { files, values };
}
