/**
 * The progress bar on stderr (cli-progress): only on a terminal, never in CI
 * (`CI` set) or with `--quiet`/`--no-progress`, and only once a scan has run
 * for more than a second — a quick scan prints nothing but its report.
 */
import type { SingleBar } from "cli-progress";
import type { ScanProgress } from "../options.js";

/** How long a scan runs before the bar appears. */
const DELAY_MS = 1000;

const LABEL: Record<ScanProgress["phase"], string> = {
  reading: "reading files",
  matching: "matching",
  tracing: "tracing provenance",
};

export interface ProgressSink {
  readonly update: (p: ScanProgress) => void;
  readonly stop: () => void;
}

export interface ProgressRequest {
  readonly enabled: boolean;
  readonly stream: NodeJS.WritableStream;
}

export function progressBar(r: ProgressRequest): ProgressSink {
  if (!r.enabled) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  // cli-progress is loaded only for a bar that may be drawn, while the scan starts.
  let Bar: typeof SingleBar | null = null;
  void import("cli-progress").then((m) => (Bar = m.SingleBar));
  let bar: SingleBar | null = null;
  return {
    update: (p) => {
      if (!bar) {
        if (Date.now() - started < DELAY_MS || !Bar) return;
        bar = new Bar({
          stream: r.stream,
          format: "statdup {bar} {percentage}% · {phase} {value}/{total}",
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        });
        bar.start(p.total, p.done, { phase: LABEL[p.phase] });
      }
      if (bar.getTotal() !== p.total) bar.setTotal(p.total);
      bar.update(p.done, { phase: LABEL[p.phase] });
    },
    stop: () => bar?.stop(),
  };
}
