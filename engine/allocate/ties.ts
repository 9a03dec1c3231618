// The scheme's tie order (`parità`) over a group of persons, in O(n log n) with cheap comparisons: the
// group is sorted by the first tie key, then only the runs still tied are read for the next key and
// sorted again, and so on, the person key last. A key is read for exactly the persons a comparison
// sort would have read it for (those tied on every key before it), each once; comparisons never
// look a value up, settle a decimal or build a key.
import { D, isDec, settle, type Dec } from '../run/decimal.ts';
import { compareV } from '../run/operations.ts';
import type { V } from '../run/population.ts';

export interface TieKey {
  /** the key's value at position `pos` (read on demand: only the positions still tied are asked) */
  read(pos: number): V;
  /** labels ordered as declared (bands, enumerations): label → position */
  order?: Map<string, number>;
  desc: boolean;
}

/** The positions 0…n−1 sorted by `keys`, then by `personKey` (ascending, as text). */
export function sortByTies(n: number, keys: readonly TieKey[], personKey: (pos: number) => string): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return perm;
  let runs: number[] = [0, n]; // [start, end) pairs of `perm` still tied on every key so far
  for (let k = 0; k < keys.length && runs.length > 0; k++) {
    const key = keys[k];
    const next: number[] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const s = runs[r];
      const e = runs[r + 1];
      const seg = perm.slice(s, e);
      const v = new Array<V>(seg.length);
      let allDec = true;
      for (let j = 0; j < seg.length; j++) {
        const raw = key.read(seg[j]);
        const rank = key.order && typeof raw === 'string' ? key.order.get(raw) : undefined;
        let x: V = rank !== undefined ? new D(rank) : raw; // ordered as declared: «decrescente» puts the last declared first
        if (isDec(x)) x = settle(x as Dec);
        else allDec = false;
        v[j] = x;
      }
      const pos = Array.from({ length: seg.length }, (_, j) => j);
      const sign = key.desc ? -1 : 1;
      const cmp = allDec
        ? (a: number, b: number) => sign * (v[a] as Dec).comparedTo(v[b] as Dec)
        : (a: number, b: number) => sign * compareV(v[a], v[b]);
      pos.sort(cmp);
      for (let j = 0; j < pos.length; j++) perm[s + j] = seg[pos[j]];
      // the runs still tied on this key
      let start = 0;
      for (let j = 1; j <= pos.length; j++) {
        if (j < pos.length && cmp(pos[start], pos[j]) === 0) continue;
        if (j - start > 1) next.push(s + start, s + j);
        start = j;
      }
    }
    runs = next;
  }
  for (let r = 0; r < runs.length; r += 2) {
    const s = runs[r];
    const e = runs[r + 1];
    const seg = perm.slice(s, e).map((p) => ({ p, key: personKey(p) }));
    seg.sort((a, b) => (a.key < b.key ? -1 : 1));
    for (let j = 0; j < seg.length; j++) perm[s + j] = seg[j].p;
  }
  return perm;
}
