/**
 * statdup as a library: `import { scan } from "statdup"`. Nothing here prints.
 */
export { scan, analyze, type Analysis } from "./scan.js";
export { resolveOptions, DEFAULTS, type ScanOptions, type ResolvedOptions, type GroupApart } from "./options.js";
export { scanMemory, type ScanMemory, type ScanMemorySettings } from "./scan-memory.js";
export type { SourceFile } from "./model.js";
export { StatdupError, UsageError, ConfigError } from "./errors.js";
export { check, type CheckRequest, type CheckRun } from "./check/check.js";
export type { CheckResult, CheckCounts, Finding, FindingPassage, PassageSide, Policy } from "./check/check-model.js";
export { loadConfig, type LoadedConfig } from "./config/load-config.js";
export { normalizeText, tokenize } from "./normalize/normalize.js";
export { segment } from "./segment/segment.js";
export * from "./report/report-model.js";
export { VERSION } from "./version.js";
