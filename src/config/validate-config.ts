/**
 * Validate a configuration object against docs/statdup-config.schema.json (the
 * schema shipped for editors is the one enforced here). The first problem
 * becomes a ConfigError naming the file and the key, with a suggestion for a
 * misspelt key.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { ConfigError } from "../errors.js";

/** The schema file: docs/ sits two levels above both src/config and dist/config. */
export const CONFIG_SCHEMA_URL = new URL("../../docs/statdup-config.schema.json", import.meta.url);

let compiled: { validate: ValidateFunction; keys: string[] } | undefined;

function schema(): { validate: ValidateFunction; keys: string[] } {
  if (!compiled) {
    const json = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, "utf8")) as { properties: Record<string, unknown> };
    const ajv = new Ajv({ allErrors: false, strict: true });
    compiled = { validate: ajv.compile(json), keys: Object.keys(json.properties) };
  }
  return compiled;
}

/** The keys a configuration may have. */
export function configKeys(): readonly string[] {
  return schema().keys;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string): string {
  const best = schema()
    .keys.map((k) => ({ k, d: distance(key.replace(/-/g, ""), k) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 4)) ? ` (did you mean "${best.k}"?)` : "";
}

/** `/allow/0` → `allow[0]`, with the prefix of the package.json key. */
function keyName(instancePath: string, prefix: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const name = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
  return prefix ? (name ? `${prefix}.${name}` : prefix) : name;
}

function describe(e: ErrorObject, prefix: string): string {
  if (e.keyword === "additionalProperties") {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    return `unknown key "${keyName(`${e.instancePath}/${extra}`, prefix)}"${suggestion(extra)}`;
  }
  const key = keyName(e.instancePath, prefix);
  const what =
    e.keyword === "enum"
      ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
      : (e.message ?? "is invalid");
  return key ? `"${key}" ${what}` : `the configuration ${what}`;
}

/**
 * Check `data`; throws ConfigError(`name`, …) on the first problem.
 * `prefix` names where the object sits (`statdup` inside package.json).
 */
export function validateConfig(data: unknown, name: string, prefix = ""): Record<string, unknown> {
  const { validate } = schema();
  if (validate(data)) return data as Record<string, unknown>;
  const first = validate.errors?.[0];
  throw new ConfigError(name, first ? describe(first, prefix) : "invalid configuration");
}
