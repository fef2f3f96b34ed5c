/**
 * Whether to colour a stream, decided once, in this order (first match wins):
 *
 * 1. `--no-color` → no colour.
 * 2. `NO_COLOR` set to anything non-empty → no colour (no-color.org; chalk
 *    itself does not honour it).
 * 3. `--color` → colour, even when not a terminal.
 * 4. `FORCE_COLOR` (0 turns colour off, 1-3 pick the level) → as it says.
 * 5. Otherwise colour only when the stream is a TTY.
 *
 * Machine formats (json, …) never colour, whatever the above says.
 */
import { Chalk, type ChalkInstance } from "chalk";

export interface ColorRequest {
  /** true: --color, false: --no-color, undefined: neither. */
  readonly flag: boolean | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
}

export function colorLevel(r: ColorRequest): 0 | 1 | 2 | 3 {
  if (r.flag === false) return 0;
  if (r.env.NO_COLOR !== undefined && r.env.NO_COLOR !== "") return 0;
  if (r.flag === true) return 1;
  const force = r.env.FORCE_COLOR;
  if (force !== undefined && force !== "") {
    const level = force === "true" ? 1 : Number.parseInt(force, 10);
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : 0;
  }
  return r.isTTY ? 1 : 0;
}

export function makeChalk(level: 0 | 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
