/**
 * Errors that end a run, kept apart from per-file problems (which are data: see
 * `ScanError` in model.ts) and from findings (which are results, never throws).
 */

/** Base of every error statdup throws on purpose; carries the exit code the CLI uses. */
export class StatdupError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command line or options: exit 2 with a one-line message. */
export class UsageError extends StatdupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
  }
}

/** A configuration file that cannot be read or is invalid: exit 2, naming the file and the key. */
export class ConfigError extends StatdupError {
  /** The configuration file, as the user would type it. */
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, 2, options);
    this.file = file;
  }
}
