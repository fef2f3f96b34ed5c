/**
 * The check policy: which reported pairs fail `statdup check`.
 *
 * A reported pair (one that `scan` reports) fails unless one of these lets it pass,
 * tested in this order:
 *
 * 1. Limits. With neither `maxSimilarity` nor `maxCoverage`, every pair is over
 *    the limits. With one or both, a pair is over them when
 *    similarity > maxSimilarity, or coverage.a > maxCoverage, or
 *    coverage.b > maxCoverage ("fails when value > max": a value equal to the
 *    limit passes). Values are compared as the report gives them (4 decimals).
 * 2. Allow rules. `allow`: a pair with a document matching one of the globs
 *    passes (that document may copy and be copied). `allowFamily`: every pair of
 *    a family with a document matching one of the globs passes (that text may be
 *    republished, copies of copies included).
 * 3. Baseline. A pair passes when the baseline accepts every one of its passages;
 *    otherwise it fails with only its new passages.
 *
 * A glob matches a document when it matches the document's path as reported or
 * its path relative to the working directory (globs from a config file are made
 * relative to the working directory when the config is loaded: `../` segments
 * lead to the config file's folder). A breach is a
 * result (`passed: false`), never a throw.
 */
import path from "node:path";
import picomatch from "picomatch";
import type { GroupApart } from "../options.js";
import type { ScanReport } from "../report/report-model.js";
import type { Baseline } from "./baseline.js";
import type { CheckCounts, CheckResult, Finding, Policy } from "./check-model.js";
import type { DocumentPaths } from "./document-paths.js";
import { pairFinding, sideFingerprinter, type ParagraphSource } from "./findings.js";

export interface CheckRequest {
  readonly policy: Policy;
  readonly baseline?: Baseline | undefined;
  /** Report paths of the changed documents (under --changed/--since), or undefined for all. */
  readonly changed?: ReadonlySet<string> | undefined;
  readonly paths: DocumentPaths;
  /** Working directory: the base of globs. */
  readonly cwd: string;
}

type Matcher = (reportPath: string) => boolean;

/**
 * One glob: matched against the report path and against the path relative to
 * the working directory; a glob that starts with `../` segments is matched
 * against the path relative to the folder they lead to (so `../../docs/*.md`
 * matches `docs/a.md` of that folder, which path.relative would spell `../a.md`).
 */
function oneGlob(glob: string, cwd: string, paths: DocumentPaths): Matcher {
  const up = /^((?:\.\.\/)+)(.*)$/.exec(glob);
  if (up) {
    const base = path.resolve(cwd, up[1]!);
    const isMatch = picomatch(up[2]!, { dot: true });
    return (reportPath) => reportPath !== "-" && isMatch(paths.relativeTo(base, reportPath));
  }
  const isMatch = picomatch(glob, { dot: true });
  return (reportPath) => isMatch(reportPath) || (reportPath !== "-" && isMatch(paths.relativeTo(cwd, reportPath)));
}

function globMatcher(globs: readonly string[], cwd: string, paths: DocumentPaths): Matcher {
  const matchers = globs.map((g) => oneGlob(g, cwd, paths));
  return (reportPath) => matchers.some((m) => m(reportPath));
}

/**
 * The allow rules as the scan's groupApart (options.ts), or undefined without
 * any: allowed documents and the others are grouped apart, so that a group's
 * allowed head never stands for copies that are not allowed.
 */
export function allowedApart(policy: Policy, cwd: string, paths: DocumentPaths): GroupApart | undefined {
  const allow = policy.allow ?? [];
  if (allow.length === 0) return undefined;
  return { rule: JSON.stringify({ allow, cwd }), test: globMatcher(allow, cwd, paths) };
}

/** Why a pair is over the limits, in words; empty when it is within them. */
export function overLimits(pair: { similarity: number; coverage: { a: number; b: number }; a: string; b: string }, policy: Policy): string[] {
  const { maxSimilarity, maxCoverage } = policy;
  if (maxSimilarity === undefined && maxCoverage === undefined) return ["no limits set: any pair sharing text fails"];
  const reasons: string[] = [];
  if (maxSimilarity !== undefined && pair.similarity > maxSimilarity) reasons.push(`similarity ${pair.similarity} > ${maxSimilarity} (--max-similarity)`);
  if (maxCoverage !== undefined) {
    if (pair.coverage.a > maxCoverage) reasons.push(`coverage of ${pair.a} ${pair.coverage.a} > ${maxCoverage} (--max-coverage)`);
    if (pair.coverage.b > maxCoverage) reasons.push(`coverage of ${pair.b} ${pair.coverage.b} > ${maxCoverage} (--max-coverage)`);
  }
  return reasons;
}

/** Apply the policy to the pairs of `report` (already limited to the checked scope). */
export function evaluatePolicy(report: ScanReport, texts: ParagraphSource, request: CheckRequest): CheckResult {
  const { policy, baseline, changed, paths, cwd } = request;
  const allowed = globMatcher(policy.allow ?? [], cwd, paths);
  const allowedFamily = globMatcher(policy.allowFamily ?? [], cwd, paths);
  const familyAllowed = new Set(report.families.filter((f) => f.documents.some(allowedFamily)).map((f) => f.id));

  let withinLimits = 0;
  let allowedPairs = 0;
  let baselined = 0;
  const findings: Finding[] = [];
  const sidesOf = sideFingerprinter(texts);
  for (const pair of report.pairs) {
    const reasons = overLimits(pair, policy);
    if (reasons.length === 0) {
      withinLimits++;
      continue;
    }
    if (allowed(pair.a) || allowed(pair.b) || familyAllowed.has(pair.family)) {
      allowedPairs++;
      continue;
    }
    const finding = pairFinding(pair, report, texts, { reasons, ...(changed ? { changed } : {}) });
    if (!baseline) {
      findings.push(finding);
      continue;
    }
    const fresh = finding.passages.filter((p) => {
      const paragraphs = (): readonly [string, string] | undefined => {
        const sides = sidesOf(p);
        return sides && (p.copy.path === pair.a ? [sides.copy, sides.original] : [sides.original, sides.copy]);
      };
      return !baseline.accepts(pair.a, pair.b, { fingerprint: p.fingerprint, paragraphs });
    });
    if (fresh.length === 0) {
      baselined++;
      continue;
    }
    findings.push({ ...finding, passages: fresh, baselinedPassages: finding.passages.length - fresh.length });
  }

  const counts: CheckCounts = {
    pairs: report.pairs.length,
    withinLimits,
    allowed: allowedPairs,
    baselined,
    findings: findings.length,
    passages: findings.reduce((n, f) => n + f.passages.length, 0),
  };
  return {
    passed: findings.length === 0,
    policy: {
      maxSimilarity: policy.maxSimilarity ?? null,
      maxCoverage: policy.maxCoverage ?? null,
      allow: [...(policy.allow ?? [])],
      allowFamily: [...(policy.allowFamily ?? [])],
      baseline: baseline?.name ?? null,
    },
    changed: changed ? [...changed].sort() : null,
    counts,
    findings,
  };
}
