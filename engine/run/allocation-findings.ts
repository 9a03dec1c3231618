// Run-time warnings about allocations: an amount with nobody to receive it (every weight 0) is paid to
// nobody, which a reviewer must see (the fund then shows it as a remainder or does not balance); units left
// out of a split among units because none of their persons can receive anything.
import { unitSplitsOf } from '../allocate/units.ts';
import { displayIn } from '../report/values.ts';
import type { Finding } from './findings.ts';
import type { SchemeRun } from './year.ts';

export function allocationFindings(run: SchemeRun): Finding[] {
  const { ir, ev } = run;
  const it = ir.lang === 'it';
  const euro = (x: Parameters<typeof displayIn>[0]) => displayIn(x, { base: 'num', unit: 'euro' }, ir.lang);
  const out: Finding[] = [];
  const declOf = (rule: string) => ir.decls.find((d) => d.name === rule);
  // plain allocations: groups (the entity, or each unit) with an amount and no recipient
  const seen = new Set<string>();
  const empty = new Map<string, { group: string; pot: string }[]>();
  for (const a of ev.allocations) {
    const k = `${a.rule}|${a.group}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (a.recipients > 0 || a.pot.isZero()) continue;
    if (!empty.has(a.rule)) empty.set(a.rule, []);
    empty.get(a.rule)!.push({ group: a.group, pot: euro(a.pot) });
  }
  for (const s of unitSplitsOf(ev)) {
    const d = declOf(s.rule);
    const label = d?.label ?? s.rule;
    const line = d?.line ?? 0;
    const excluded = s.units.filter((u) => !u.payable && !u.weight.isZero());
    if (excluded.length && s.units.some((u) => u.payable && !u.weight.isZero())) {
      out.push({
        kind: 'esclusione', severity: 'warning', label, per: 'unit', failing: excluded.length, of: s.units.length, line,
        who: excluded.map((u) => ({ key: u.unit, why: it ? `peso ${u.weight.toFixed()}, ${u.persons} persone, nessuna con peso maggiore di zero` : `weight ${u.weight.toFixed()}, ${u.persons} persons, none with a weight above zero` })),
      });
    }
    if (!s.pot.isZero() && s.units.every((u) => u.share.isZero())) {
      out.push({
        kind: 'ripartizione', severity: 'warning', label, per: 'ente', failing: 1, of: 1, who: [], line,
        detail: it ? `${euro(s.pot)} da ripartire tra le unità, nessuna unità con pesi maggiori di zero` : `${euro(s.pot)} to split among the units, no unit with weights above zero`,
      });
    }
  }
  for (const [rule, groups] of [...empty].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const d = declOf(rule);
    const perUnit = groups.some((g) => g.group.startsWith('u:'));
    out.push({
      kind: 'ripartizione', severity: 'warning', label: d?.label ?? rule, per: perUnit ? 'unit' : 'ente', failing: perUnit ? groups.length : 1, of: perUnit ? run.units.length : 1, line: d?.line ?? 0,
      who: perUnit ? groups.map((g) => ({ key: g.group.slice(2), why: it ? `${g.pot} non pagati` : `${g.pot} not paid` })) : [],
      ...(perUnit ? {} : { detail: it ? `${groups[0].pot} non pagati` : `${groups[0].pot} not paid` }),
    });
  }
  return out;
}
