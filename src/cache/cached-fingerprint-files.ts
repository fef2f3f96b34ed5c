/**
 * fingerprintFiles behind the cache: every file is looked up first, in this
 * thread; only the misses go to fingerprintFiles (and its workers, which
 * cannot share the cache's memory); results come out in file order, cached or
 * not, and each miss's events are recorded as they arrive.
 *
 * Looking everything up before reading anything keeps the order safe: a file's
 * key (its stat, or its hash) is taken before its bytes are read, so events are
 * never recorded under a key older than they are.
 */
import { fingerprintFiles, type FileEvent, type PoolRequest } from "../fingerprint/fingerprint-files.js";
import type { FingerprintCache } from "./fingerprint-cache.js";

export async function* fingerprintFilesCached(r: PoolRequest, cache: FingerprintCache): AsyncGenerator<FileEvent[]> {
  const cached = await Promise.all(r.files.map((file) => cache.get(file)));
  const misses = r.files.filter((_, i) => cached[i] === undefined);
  const fresh = fingerprintFiles({ ...r, files: misses });
  try {
    for (let i = 0; i < r.files.length; i++) {
      const hit = cached[i];
      if (hit) {
        yield hit;
        continue;
      }
      const next = await fresh.next();
      if (next.done) throw new Error("fingerprintFiles returned fewer results than files");
      cache.set(r.files[i]!, next.value);
      yield next.value;
    }
  } finally {
    await fresh.return(undefined);
  }
}
