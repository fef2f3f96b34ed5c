import { readFileSync } from "node:fs";

/**
 * statdup's version, from package.json: one level above src/ and dist/, two
 * above the CLI's bundle in dist/bundle/ (the same code, bundled, asks from
 * there; dist/ has no package.json of its own).
 */
function packageVersion(): string {
  for (const path of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { version?: unknown };
      if (typeof pkg.version === "string") return pkg.version;
    } catch {
      // not there: try the next level up
    }
  }
  throw new Error("statdup: cannot find its own package.json");
}

export const VERSION: string = packageVersion();
