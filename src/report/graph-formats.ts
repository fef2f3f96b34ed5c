/**
 * The families' provenance trees as graphs: Graphviz DOT (`--format dot`) and
 * Mermaid (`--format mermaid`). One cluster/subgraph per family, one node per
 * document (labelled with its path and date), one edge per parent → child
 * labelled with its confidence; edges of undetermined families are dashed.
 */
import type { ScanReport } from "./report-model.js";

function dotString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Each report's dates by document path, made once (a search of the documents per node was D × nodes). */
const datesOf = new WeakMap<ScanReport, Map<string, string | null>>();

function label(report: ScanReport, path: string): string {
  let dates = datesOf.get(report);
  if (!dates) {
    dates = new Map(report.documents.map((d) => [d.path, d.date]));
    datesOf.set(report, dates);
  }
  const date = dates.get(path);
  return date ? `${path}\n${date}` : path;
}

export function dotReport(report: ScanReport): string {
  const out = ["digraph statdup {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];'];
  for (const f of report.families) {
    out.push(`  subgraph cluster_${f.id} {`);
    out.push(`    label=${dotString(`Family ${f.id}${f.title ? `: ${f.title}` : ""}${f.determined ? "" : " (direction undetermined)"}`)};`);
    for (const path of f.documents) {
      const style = path === f.origin ? ", style=bold" : "";
      out.push(`    ${dotString(`${f.id}:${path}`)} [label=${dotString(label(report, path))}${style}];`);
    }
    for (const e of f.edges) {
      const style = f.determined ? "" : ", style=dashed";
      out.push(`    ${dotString(`${f.id}:${e.from}`)} -> ${dotString(`${f.id}:${e.to}`)} [label=${dotString(e.confidence.toFixed(2))}${style}];`);
    }
    out.push("  }");
  }
  out.push("}");
  return out.join("\n") + "\n";
}

function mermaidText(s: string): string {
  return s.replace(/"/g, "#quot;").replace(/\n/g, "<br/>");
}

export function mermaidReport(report: ScanReport): string {
  const out = ["flowchart LR"];
  for (const f of report.families) {
    const ids = new Map(f.documents.map((p, i) => [p, `f${f.id}d${i}`]));
    out.push(`  subgraph f${f.id}["${mermaidText(`Family ${f.id}${f.title ? ` · ${f.title}` : ""}${f.determined ? "" : " (direction undetermined)"}`)}"]`);
    for (const [path, id] of ids) out.push(`    ${id}["${mermaidText(label(report, path))}"]`);
    for (const e of f.edges) {
      const arrow = f.determined ? "-->" : "-.->";
      out.push(`    ${ids.get(e.from)} ${arrow}|${e.confidence.toFixed(2)}| ${ids.get(e.to)}`);
    }
    out.push("  end");
  }
  return out.join("\n") + "\n";
}
