// Checking an allocation among units: `ripartisci(pot; peso) tra settore secondo w [parità ordine | parità
// secondo x [de]crescente]`. The pot is an entity amount in euro, the units' weight a unit-level value that
// is not money, the tie order among units stated (the units' order in their file, or a unit-level value).
import type * as A from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { Resolutions, Typed } from './expr-base.ts';
import type { SchemeSymbols } from './symbols.ts';

export interface SplitContext {
  s: SchemeSymbols;
  out: Diagnostic[];
  res: Resolutions;
  lang: 'it' | 'en';
  /** checks an expression where a unit-level value is wanted */
  atUnit: (e: A.Expr) => Typed;
  wantNum: (t: Typed, span: A.Span) => void;
}

/** The tie key of each allocation among units, as a reference the unit-level checker resolved (for compile). */
export const splitTieKeys = new WeakMap<Resolutions, Map<A.Expr, A.Expr>>();

const ORDER_WORDS = new Set(['ordine', 'order']);

export function checkUnitSplit(c: SplitContext, e: Extract<A.Expr, { kind: 'call' }>, pot: Typed | undefined): void {
  const u = e.units!;
  const it = c.lang === 'it';
  const err = (code: Parameters<typeof diag>[0], span: A.Span, args: Record<string, string | number> = {}) => c.out.push(diag(code, c.s.file, span, c.lang, args));
  const unit = c.s.unitName ?? (it ? 'unità' : 'unit');
  if (u.unit.name !== c.s.unitName) {
    err('allocate-units-unknown-unit', u.unit.span, { name: u.unit.name, unit: c.s.unitName ? (it ? ` (che è «${c.s.unitName}»)` : ` (which is «${c.s.unitName}»)`) : it ? ': la scheda non dichiara «unità …»' : ': the scheme declares no «unit …»' });
  }
  if (pot && pot.level !== 'ente') err('allocate-units-pot-level', e.args[0].span, { level: pot.level === 'unit' ? (it ? `un valore per ${unit}` : `a value per ${unit}`) : it ? 'un valore della persona' : "a person's value" });
  const w = c.atUnit(u.weight);
  c.wantNum(w, u.weight.span);
  if (w.level === 'persona') {
    err('level-mismatch', u.weight.span, { name: e.fn.name, level: unit, other: it ? 'peso delle unità' : 'units\' weight', otherLevel: it ? 'persona' : 'person' });
  }
  if (w.ty.t === 'num' && typeof w.ty.unit === 'string' && /euro/.test(w.ty.unit)) err('allocate-units-weight', u.weight.span, { found: w.ty.unit, unit });
  if (!u.ties) err('allocate-units-ties-missing', u.span);
  else if (u.ties.kind === 'order') {
    if (!ORDER_WORDS.has(u.ties.word.name)) err('allocate-units-ties-word', u.ties.word.span, { found: u.ties.word.name });
    else if (!c.s.unitKey) err('allocate-units-order-needs-file', u.ties.word.span, { unit });
  } else {
    const key = u.ties.key;
    const sym = c.s.names.get(key.name);
    if (!sym || sym.level !== 'unit' || (sym.kind !== 'input' && sym.kind !== 'value')) {
      const pool = [...c.s.names.values()].filter((x) => x.level === 'unit' && (x.kind === 'input' || x.kind === 'value')).map((x) => x.name);
      const sug = suggest(key.name, pool);
      err('allocate-units-tie-key', key.span, { name: key.name, unit: sug ? (it ? `${unit} (forse «${sug}»?)` : `${unit} (did you mean «${sug}»?)`) : unit });
    } else {
      const ref: A.Expr = { kind: 'ref', path: [key], span: key.span };
      c.atUnit(ref);
      let m = splitTieKeys.get(c.res);
      if (!m) splitTieKeys.set(c.res, (m = new Map()));
      m.set(e, ref);
    }
  }
}

/** A weight that is the constant zero: nobody can receive anything (the run warns too, with the amounts). */
export function zeroWeight(e: A.Expr | undefined): boolean {
  if (!e) return false;
  if (e.kind === 'quantity') return /^-?0*(\.0*)?$/.test(e.value);
  if (e.kind === 'bool') return e.value === false;
  return false;
}
