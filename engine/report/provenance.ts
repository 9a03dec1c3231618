// What a published value is made of: the aggregates over persons (or over rows of a per-person table)
// it reads, directly or through the entity- and unit-level values it uses, with the exact set of
// elements each one counted or summed. Disclosure control (disclosure.ts) needs this to know how
// many persons stand behind a cell and how cells relate. Values computed per person inside an
// aggregate (its filter and its argument) are that aggregate's business and are not walked.
import type { IrScheme, JL } from '../compile/ir.ts';
import { D, isDec, type Dec } from '../run/decimal.ts';
import type { Env, Evaluator, Scope } from '../run/evaluate.ts';
import { aggregateEnvs } from '../run/operations.ts';
import { REGISTRY } from '../ops/registry.ts';
import type { V } from '../run/population.ts';
import { revealed, type FactSpec } from './disclosure.ts';

export interface Made {
  facts: FactSpec[];
  /** the fewest persons behind any aggregate read (Infinity: none, e.g. a fixed amount) */
  fewest: number;
  /** the value is one count of persons (or rows) */
  isCount: boolean;
}

const LINEAR: Record<string, 'count' | 'sum'> = { count: 'count', sum: 'sum', mean: 'sum' };
const AGGREGATES = new Set(REGISTRY.entries().filter((e) => e.family === 'aggregate').map((e) => e.op)); // engine/ops/aggregates.ts

export class Provenance {
  private memo = new Map<string, Made>();
  private rowIndex = new Map<string, Map<Map<string, V>, number>>();

  constructor(private ev: Evaluator, private ir: IrScheme) {}

  /** The provenance of a value computed at `env` (an entity-level, unit-level or per-row cell). */
  of(e: JL, env: Env): Made {
    const out: Made = { facts: [], fewest: Infinity, isCount: false };
    this.walk(e, env, out, true);
    return out;
  }

  private walk(e: JL, env: Env, out: Made, top: boolean): void {
    // iterative over the expression tree: its depth is not bounded by the data
    const stack: { e: JL; top: boolean }[] = [{ e, top }];
    while (stack.length) {
      const { e: x, top: isTop } = stack.pop()!;
      if (x === null || typeof x !== 'object') continue;
      if (Array.isArray(x)) {
        for (const y of x) stack.push({ e: y as JL, top: false });
        continue;
      }
      const op = Object.keys(x)[0];
      const a = (x as Record<string, unknown>)[op];
      if (op === 'dec' || op === 'var' || op === 'ext' || op === 'share' || op === 'allocate' || op === 'allocate_units' || op === 'best') continue;
      if (op === 'val') {
        const d = this.ev.decl(a as string);
        if (!d || d.level === 'persona') continue;
        const scope: Scope = d.level === 'ente' ? { level: 'ente' } : this.ev.lift('unit', env.scope);
        const key = `${scope.level === 'unit' ? `u:${scope.unit}` : 'e'}|${d.name}`;
        let m = this.memo.get(key);
        if (!m) {
          m = { facts: [], fewest: Infinity, isCount: false };
          this.memo.set(key, m); // a cycle cannot happen (the checker refuses them); this guards anyway
          this.walk(d.expr, { scope }, m, true);
        }
        out.facts.push(...m.facts);
        out.fewest = Math.min(out.fewest, m.fewest);
        if (isTop && m.isCount) out.isCount = true;
        continue;
      }
      if (AGGREGATES.has(op)) {
        this.aggregate(op, a as { over: Record<string, string | boolean>; args: JL[]; where: JL }, env, out, isTop);
        continue;
      }
      for (const y of Object.values(x as object)) if (y && typeof y === 'object') stack.push({ e: y as JL, top: false });
    }
  }

  private aggregate(op: string, a: { over: Record<string, string | boolean>; args: JL[]; where: JL }, env: Env, out: Made, top: boolean) {
    const ev = this.ev;
    if (a.over.units) {
      // a figure over units: as few persons as its smallest unit contributes (no linear relation kept)
      for (const en of aggregateEnvs(ev, a.over, env)) {
        if (a.where !== true && !ev.bool(ev.evaluate(a.where, en))) continue;
        const inner = this.of(a.args[0], en);
        out.fewest = Math.min(out.fewest, inner.fewest);
      }
      return;
    }
    let domain: string;
    let personOf: (en: Env) => string | undefined;
    let elementOf: (en: Env) => number;
    if (a.over.persons) {
      domain = 'persone';
      personOf = (en) => (en.scope.level === 'persona' ? this.ev.pop.persons[en.scope.p].key : undefined);
      elementOf = (en) => (en.scope as { p: number }).p;
    } else if (a.over.table) {
      const t = a.over.table as string;
      const decl = this.ir.tables.find((x) => x.name === t);
      if (decl?.level !== 'persona') return; // rows of the entity or of units are not persons
      const key = this.ir.personKey ?? '';
      domain = `righe:${t}`;
      const index = this.indexOf(t);
      personOf = (en) => String(en.rows?.[t]?.get(key));
      elementOf = (en) => index.get(en.rows![t])!;
    } else return; // a list's elements
    const members: number[] = [];
    const contributors = new Set<string>();
    const persons = new Set<string>();
    let sum: Dec = new D(0);
    let signed = false;
    for (const en of aggregateEnvs(ev, a.over, env)) {
      if (a.where !== true && !ev.bool(ev.evaluate(a.where, en))) continue;
      const v = a.args.length ? ev.evaluate(a.args[0], en) : true;
      if (op === 'count') {
        if (typeof v === 'boolean' ? !v : v === null) continue;
        members.push(elementOf(en));
        contributors.add(personOf(en) ?? '');
        continue;
      }
      members.push(elementOf(en));
      persons.add(personOf(en) ?? '');
      if (op === 'sum' || op === 'mean') {
        const q = isDec(v) ? (v as Dec) : new D(0);
        sum = sum.plus(q);
        if (q.isNeg()) signed = true;
        if (!q.isZero()) contributors.add(personOf(en) ?? '');
      } else contributors.add(personOf(en) ?? '');
    }
    const n = op === 'count' ? contributors.size : revealed(contributors.size, persons.size); // who the figure tells about directly
    if (n > 0) out.fewest = Math.min(out.fewest, n);
    const kind = LINEAR[op];
    if (!kind) return;
    // a sum of per-person values that are each a sum over the person's rows of a table is the same money
    // as a sum over those rows: register it over the rows too, so figures summed either way are related
    if (kind === 'sum' && a.over.persons) this.rowsBehind(a.args[0], members, out);
    out.facts.push({
      quantity: kind === 'count' ? 'conta' : JSON.stringify(a.args[0]),
      domain, members, value: kind === 'count' ? new D(members.length) : sum, contributors: op === 'count' ? n : contributors.size, persons: persons.size, signed,
    });
    if (top && kind === 'count') out.isCount = true;
  }

  private rowsBehind(arg: JL, persons: number[], out: Made) {
    const name = (arg as { val?: string })?.val;
    const d = name ? this.ev.decl(name) : undefined;
    const inner = (d?.level === 'persona' ? (d.expr as { sum?: { over: Record<string, string | boolean>; args: JL[]; where: JL } }).sum : undefined);
    const t = inner?.over.table as string | undefined;
    if (!inner || !t || this.ir.tables.find((x) => x.name === t)?.level !== 'persona') return;
    const index = this.indexOf(t);
    const key = this.ir.personKey ?? '';
    const members: number[] = [];
    const owners = new Set<string>();
    let sum: Dec = new D(0);
    let signed = false;
    for (const p of persons) {
      for (const en of aggregateEnvs(this.ev, inner.over, { scope: { level: 'persona', p } })) {
        if (inner.where !== true && !this.ev.bool(this.ev.evaluate(inner.where, en))) continue;
        const v = this.ev.evaluate(inner.args[0], en);
        const q = isDec(v) ? (v as Dec) : new D(0);
        members.push(index.get(en.rows![t])!);
        sum = sum.plus(q);
        if (q.isNeg()) signed = true;
        if (!q.isZero()) owners.add(String(en.rows![t].get(key)));
      }
    }
    out.facts.push({ quantity: JSON.stringify(inner.args[0]), domain: `righe:${t}`, members, value: sum, contributors: owners.size, signed });
  }

  private indexOf(t: string): Map<Map<string, V>, number> {
    let m = this.rowIndex.get(t);
    if (!m) this.rowIndex.set(t, (m = new Map((this.ev.pop.tables.get(t) ?? []).map((r, i) => [r, i]))));
    return m;
  }
}
