/**
 * statdup as a library: `import { scan } from "statdup"`. Nothing here prints.
 */
export { scan, analyze, type Analysis } from "./scan.js";
export { resolveOptions, DEFAULTS, type ScanOptions, type ResolvedOptions } from "./options.js";
export { StatdupError, UsageError } from "./errors.js";
export { normalizeText, tokenize } from "./normalize/normalize.js";
export { segment } from "./segment/segment.js";
export * from "./report/report-model.js";
export { VERSION } from "./version.js";
