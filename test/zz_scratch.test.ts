import { it } from "vitest";
import { scan, segment, normalizeText } from "../src/index.js";
it("x", async () => {
  const r = await scan({ inputs: ["fixtures/seeds"], cwd: process.cwd() });
  console.log(JSON.stringify({ summary: r.summary, pairs: r.pairs.map(p => ({a:p.a,b:p.b,sim:p.similarity,cov:p.coverage,kind:p.kind,m:p.matches.length})), families: r.families, errors: r.errors }, null, 1));
  console.log(normalizeText("IOM’s — “test” ﬁsh ＡＢＣ  x\u00a0y 日本語 Привет مرحبا"));
});
