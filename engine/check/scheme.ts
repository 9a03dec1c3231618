// Checks one scheme against its own names and those of the schemes it uses.
import { checkTwoWay } from './two-way.ts';
import { Decimal } from 'decimal.js';
import * as A from '../syntax/ast.ts';
import { exprChildren } from '../syntax/ast.ts';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Code } from '../diagnostics/catalogue.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { isContextWord } from '../syntax/keywords.ts';
import { checkDeclaredType, checkFunction, checkFunctionCycles, ExprChecker, type Resolutions } from './expr.ts';
import { typeOf, type SchemeSymbols } from './symbols.ts';
import { admittedUnpaid } from './tables.ts';
import { unitConflict } from './units.ts';
import { BOOL, describe, LEVEL_RANK, num, type LevelName, type Ty } from './types.ts';

export interface CheckedScheme {
  syms: SchemeSymbols;
  res: Resolutions;
}

export function checkScheme(s: SchemeSymbols, others: Map<string, SchemeSymbols>, out: Diagnostic[]): CheckedScheme {
  const res: Resolutions = { refs: new Map(), domains: new Map(), fns: new Map(), potLevels: new Map() };
  const lang = s.ast.lang;
  const it = lang === 'it';
  const file = s.file;
  const at = (level: LevelName) => new ExprChecker(s, others, out, res, level);
  // functions first: every value may call them, and their bodies read nothing of the scheme
  checkFunctionCycles(s, out);
  for (const f of s.functions.values()) checkFunction(f, s, others, out, res);
  const levelWord = (l: LevelName) => (l === 'ente' ? (it ? "l'ente" : 'the entity') : l === 'unit' ? s.unitName ?? 'unit' : it ? 'persona' : 'person');

  const checkAt = (e: A.Expr, level: LevelName, want: Ty | null, who: string, declared?: Ty): Ty => {
    const c = at(level);
    c.declName = who;
    const r = c.check(e, want ?? declared);
    if (declared && declared.t !== 'any') checkDeclaredType(c, who, r.ty, declared, e.span, s, out);
    if (LEVEL_RANK[r.level] > LEVEL_RANK[level]) {
      out.push(diag('level-mismatch', file, e.span, lang, { name: who, level: levelWord(level), other: firstRefAt(e, r.level, s) ?? '…', otherLevel: levelWord(r.level) }));
    }
    if (want) c.want(r.ty, want, e.span);
    if (want?.t === 'num' && r.ty.t === 'num') {
      if (unitConflict(r.ty, want)) out.push(diag('unit-result', file, e.span, lang, { expected: describe(want, lang), found: describe(r.ty, lang), name: who }));
    }
    return r.ty;
  };

  // Inputs: optional fields' defaults, sub-population conditions, tables' computed columns (before the values,
  // which read the computed columns' types)
  for (const d of s.ast.decls) {
    if (d.kind !== 'inputs' && d.kind !== 'table') continue;
    const lv: LevelName = d.level.kind === 'unit' ? 'unit' : d.level.kind;
    for (const f of d.fields) checkField(f, lv, d.kind === 'table');
    if (d.kind === 'table') {
      const t = s.names.get(d.name.name);
      for (const c of d.computed ?? []) {
        const x = at('ente');
        x.rowTables.add(d.name.name);
        x.rowColumns = d.name.name;
        const r = x.check(c.expr);
        if (r.level !== 'ente') out.push(diag('level-mismatch', file, c.expr.span, lang, { name: c.name.name, level: it ? 'riga della tabella' : 'table row', other: firstRefAt(c.expr, r.level, s) ?? '…', otherLevel: levelWord(r.level) }));
        const sym = t?.columns?.get(c.name.name);
        if (sym?.computed === c) {
          sym.ty = r.ty;
          sym.checked = true;
        }
      }
    }
  }

  function checkField(f: A.Field, level: LevelName, inTable: boolean) {
    const ty = typeOf(f.type);
    const not = (what: string, why: string) => out.push(diag('field-modifier-not-here', file, f.name.span, lang, { name: f.name.name, what, why }));
    if (f.default) {
      if (f.isKey) not(it ? '«facoltativo»' : '«optional»', it ? 'una chiave non può mancare' : 'a key cannot be missing');
      if (!isConstant(f.default, s)) out.push(diag('default-not-constant', file, f.default.span, lang, { name: f.name.name }));
      else {
        const x = at('ente');
        const r = x.check(f.default, ty);
        x.want(r.ty, ty, f.default.span);
        if (ty.t === 'num' && r.ty.t === 'num') x.compatible(ty, r.ty, f.default.span, it ? 'usare come predefinito' : 'use as default');
        if (f.type.kind === 'num' && f.default.kind === 'quantity') {
          const v = new Decimal(f.default.value);
          const { min, max } = f.type;
          if ((min && v.lt(min.value)) || (max && v.gt(max.value))) {
            out.push(diag('default-out-of-range', file, f.default.span, lang, { name: f.name.name, value: f.default.text, min: min?.text ?? '…', max: max?.text ?? '…' }));
          }
        }
      }
    }
    if (f.onlyIf) {
      if (f.isKey) return not(it ? '«solo se»' : '«only if»', it ? 'una chiave vale per ogni riga' : 'a key holds for every row');
      if (inTable || level === 'ente') return not(it ? '«solo se»' : '«only if»', it ? 'vale per i dati di persona o di unità' : 'it applies to person or unit inputs');
      // it reads only inputs of the same record that are always present: it is decided when the data are read
      const stack: A.Expr[] = [f.onlyIf];
      while (stack.length) {
        const e = stack.pop()!;
        let bad: string | undefined;
        if (e.kind === 'ref') {
          const sym = s.names.get(e.path[0].name);
          const fd = sym?.decl as A.Field | undefined;
          if (sym && !(sym.kind === 'input' && sym.level === level && fd?.kind === 'field' && !fd.onlyIf && fd !== f && e.path.length === 1)) bad = e.path.map((p) => p.name).join('.');
        } else if (e.kind === 'builtin') bad = e.name;
        else if (e.kind === 'call' || e.kind === 'best' || e.kind === 'lookup' || e.kind === 'scale') bad = e.kind === 'call' ? e.fn.name : e.kind === 'lookup' ? e.table.name : e.kind;
        if (bad) {
          out.push(diag('only-if-reads', file, e.span, lang, { name: f.name.name, other: bad }));
          return;
        }
        stack.push(...exprChildren(e));
      }
      checkAt(f.onlyIf, level, BOOL, f.name.name);
    }
  }

  // Values and entity-level reports first, each after the values it reads: a value is then never typed from
  // its uses (recursively, value after value, which a chain of thousands of values ran out of stack doing).
  for (const d of valuesInOrder(s.ast.decls)) {
    if (d.kind === 'value') checkValue(d);
    else if (d.kind === 'report') checkReport(d);
  }

  // structure: sections, totals, weights (maxima that depend on a person's category: checked per category below)
  const perCategory = s.ast.decls.some((d) => (d.kind === 'item' || d.kind === 'section') && (d.maxBy || (d.kind === 'section' && d.items.some((i) => i.maxBy))));
  let sumAll = new Decimal(0);
  let declaredTotal: A.Quantity | undefined;
  for (const d of s.ast.decls) {
    if (d.kind === 'total') declaredTotal = d.max;
    if (d.kind === 'item') {
      checkItem(d);
      sumAll = sumAll.plus(d.max.value);
    }
    if (d.kind === 'section') {
      let sum = new Decimal(0);
      let wsum = new Decimal(0);
      let weighted = false;
      for (const item of d.items) {
        checkItem(item);
        sum = sum.plus(item.max.value);
        if (item.weight) {
          weighted = true;
          wsum = wsum.plus(item.weight.value);
        }
      }
      const args = { section: d.label ?? d.name.name, sum: sum.toFixed(), max: new Decimal(d.max.value).toFixed() };
      if (weighted) {
        // weighted items are scaled to the section's maximum, so their own maxima need not add up to it
        if (!wsum.eq(1)) out.push(diag('weights-not-100', file, d.name.span, lang, { section: args.section, sum: wsum.times(100).toFixed() + '%' }));
        for (const item of d.items) if (!item.weight) out.push(diag('weight-missing', file, item.name.span, lang, { name: item.name.name, section: args.section }));
      } else if (perCategory) { /* checked per category */ }
      else if (sum.gt(d.max.value)) out.push(diag('item-max-exceeds-section', file, d.max.span, lang, args));
      else if (sum.lt(d.max.value)) out.push(diag('section-max-unreachable', file, d.max.span, lang, args));
      sumAll = sumAll.plus(d.max.value);
    }
  }
  if (perCategory) checkMaximaPerCategory(s, out, at);
  else if (declaredTotal && !sumAll.eq(declaredTotal.value)) {
    out.push(diag('total-max-mismatch', file, declaredTotal.span, lang, { sum: sumAll.toFixed(), max: new Decimal(declaredTotal.value).toFixed() }));
  }

  function checkItem(item: A.Item) {
    if (item.maxBy) checkAt(item.maxBy, 'persona', num('punti'), item.name.name);
    else if (item.max.unit && item.max.unit !== 'punti') out.push(diag('item-not-points', file, item.max.span, lang, { unit: item.max.unit }));
    checkAt(item.expr, 'persona', num('punti'), item.name.name);
  }

  // a scheme with a unit must say which unit each person belongs to
  if (s.unitName && !s.personUnitField && s.ast.decls.some((d) => d.kind === 'inputs' && d.level.kind === 'persona')) {
    const u = s.ast.decls.find((d) => d.kind === 'unitDecl')!;
    out.push(diag('missing-unit-field', file, u.span, lang, { unit: s.unitName }));
  }

  // keys
  const hasPersonInputs = s.ast.decls.some((d) => d.kind === 'inputs' && d.level.kind === 'persona');
  if (hasPersonInputs && !s.personKey) {
    const d = s.ast.decls.find((x) => x.kind === 'inputs' && x.level.kind === 'persona')!;
    out.push(diag('missing-key', file, d.span, lang, { level: it ? 'persona' : 'person' }));
  }

  for (const d of s.ast.decls) {
    switch (d.kind) {
      case 'gate':
        // requisito ente: one condition for the whole scheme (an entity value), false → nobody is admitted
        checkAt(d.cond, d.entity ? 'ente' : 'persona', BOOL, d.name.name);
        if (d.waiver) checkAt(d.waiver, d.entity ? 'ente' : 'persona', BOOL, d.name.name);
        break;
      case 'total':
        if (d.rounding) {
          const r = d.rounding;
          if (!(r.places.unit === null && /^\d+$/.test(r.places.value)) || Number(r.places.value) > 20) {
            out.push(diag('round-decimals-out-of-range', file, r.places.span, lang, { name: it ? 'totale' : 'total', found: r.places.text, max: 20 }));
          }
          if (!['decimali', 'decimale', 'decimals', 'decimal'].includes(r.word.name)) {
            out.push(diag('total-rounding-word', file, r.word.span, lang, { found: r.word.name }));
          }
        }
        break;
      case 'penalty':
        checkAt(d.expr, 'persona', num('punti'), d.name.name);
        break;
      case 'reduction':
        checkAt(d.expr, 'persona', num('percentuale'), d.name.name);
        break;
      case 'bands': // its rows are an interval table, checked like every `scala`
        at('persona').scale(d.subject, d.rows);
        break;
      case 'constraint':
        checkConstraint(d);
        break;
      case 'fund':
        if (d.allocation && !isContextWord('stanziati', d.allocation.name)) out.push(diag('fund-kind-unknown', file, d.allocation.span, lang, { found: d.allocation.name }));
        checkAt(d.amount, 'ente', num('euro'), d.name.name);
        checkAt(d.paid, 'persona', num('euro'), d.paidName?.name ?? d.name.name);
        for (const t of d.tiers ?? []) checkAt(t.expr, 'persona', num('euro'), t.name.name);
        for (const r of d.remainders) checkAt(r.expr, 'ente', num('euro'), r.name.name);
        checkTiers(d);
        break;
      case 'ties':
        for (const k of d.keys) {
          const sym = s.names.get(k.expr.name);
          if (!sym) {
            const sug = suggest(k.expr.name, [...s.names.keys()]);
            out.push(sug ? diag('unknown-name', file, k.expr.span, lang, { name: k.expr.name, suggestion: sug }) : diag('unknown-name-nosuggest', file, k.expr.span, lang, { name: k.expr.name }));
          }
        }
        if (s.personKey && d.keys[d.keys.length - 1]?.expr.name !== s.personKey.name) {
          out.push(diag('ties-not-total', file, d.span, lang, { key: s.personKey.name }));
        }
        break;
      case 'example':
        checkExample(d);
        break;
    }
  }
  checkGatesAgainstBands(s, out);
  return { syms: s, res };

  /** Several `pagato` lines: each named, every name once among the fund's tiers and remainders. */
  function checkTiers(d: Extract<A.Decl, { kind: 'fund' }>) {
    if (!d.tiers?.length) return;
    if (!d.paidName) out.push(diag('fund-tier-unnamed', file, d.paid.span, lang, { fund: d.label ?? d.name.name }));
    const seen = new Map<string, A.Span>();
    for (const n of [...(d.paidName ? [d.paidName] : []), ...d.tiers.map((t) => t.name), ...d.remainders.map((r) => r.name)]) {
      const first = seen.get(n.name);
      if (first) out.push(diag('duplicate-name', file, n.span, lang, { name: n.name }, [{ message: it ? 'prima riga con questo nome' : 'first line with this name', file, span: first }]));
      else seen.set(n.name, n.span);
    }
  }

  function checkConstraint(d: Extract<A.Decl, { kind: 'constraint' }>) {
    const who = d.label ?? (it ? 'vincolo' : 'constraint');
    if (d.severity && !isContextWord('avviso', d.severity.name)) out.push(diag('constraint-severity-unknown', file, d.severity.span, lang, { found: d.severity.name }));
    if (!d.per) return void checkAt(d.cond, 'ente', BOOL, who);
    if (d.per === 'persona') return void checkAt(d.cond, 'persona', BOOL, who);
    if (d.per.name === s.unitName) return void checkAt(d.cond, 'unit', BOOL, who);
    const t = s.names.get(d.per.name);
    if (!t || t.kind !== 'table') {
      const sug = suggest(d.per.name, [...[...s.names.values()].filter((x) => x.kind === 'table').map((x) => x.name), ...(s.unitName ? [s.unitName] : [])]);
      out.push(diag('constraint-per-unknown', file, d.per.span, lang, { name: d.per.name, suggestion: sug ?? '' }));
      return;
    }
    // one check per row of the table: its columns are read as `T.column`, with the row's owner in scope
    const c = at(t.level);
    c.rowTables.add(t.name);
    const r = c.check(d.cond, BOOL);
    c.want(r.ty, BOOL, d.cond.span);
    if (LEVEL_RANK[r.level] > LEVEL_RANK[t.level]) {
      out.push(diag('level-mismatch', file, d.cond.span, lang, { name: who, level: levelWord(t.level), other: firstRefAt(d.cond, r.level, s) ?? '…', otherLevel: levelWord(r.level) }));
    }
  }

  function checkValue(d: Extract<A.Decl, { kind: 'value' }>) {
    const lv: LevelName = d.level.kind === 'unit' ? 'unit' : d.level.kind;
    const sym = s.names.get(d.name.name);
    // a declared type (a computed category): the expression is checked against it, and it stays the value's type
    const declared = d.type && sym?.decl === d ? sym.ty : undefined;
    if (declared?.t === 'any') {
      // its type was refused (reported there): its labels would each be one more error for the same mistake
      new ExprChecker(s, others, [], res, lv).check(d.expr);
      if (sym) sym.checked = true;
      return;
    }
    const ty = checkAt(d.expr, lv, null, d.name.name, declared);
    if (sym && sym.decl === d) {
      sym.ty = declared ?? ty;
      sym.checked = true;
    }
  }

  function checkReport(d: Extract<A.Decl, { kind: 'report' }>) {
    if (d.across) return checkTwoWay(s, out, res, () => at('ente'), d); // a two-way table (two-way.ts)
    if (d.per && d.per.name === s.unitName) {
      // one row per unit: the columns are computed per unit
      for (const r of d.rows) {
        const { ty, level: lv } = at('unit').check(r.expr);
        if (lv === 'persona') out.push(diag('level-mismatch', file, r.expr.span, lang, { name: r.name.name, level: s.unitName ?? 'unit', other: firstRefAt(r.expr, 'persona', s) ?? '…', otherLevel: it ? 'persona' : 'person' }));
        (res.columnTypes ??= new Map()).set(r, ty);
      }
      return;
    }
    if (d.per) {
      const t = s.names.get(d.per.name);
      if (!t || t.kind !== 'table' || t.level !== 'ente') {
        const sug = suggest(d.per.name, [...[...s.names.values()].filter((x) => x.kind === 'table').map((x) => x.name), ...(s.unitName ? [s.unitName] : [])]);
        out.push(sug ? diag('unknown-name', file, d.per.span, lang, { name: d.per.name, suggestion: sug }) : diag('unknown-name-nosuggest', file, d.per.span, lang, { name: d.per.name }));
        return;
      }
      for (const r of d.rows) {
        const c = at('ente');
        c.rowTables.add(d.per.name);
        const typed = c.check(r.expr);
        if (typed.level !== 'ente') out.push(diag('level-mismatch', file, r.expr.span, lang, { name: r.name.name, level: it ? "l'ente" : 'the entity', other: firstRefAt(r.expr, typed.level, s) ?? '…', otherLevel: typed.level === 'unit' ? s.unitName ?? 'unit' : it ? 'persona' : 'person' }));
        (res.columnTypes ??= new Map()).set(r, typed.ty);
      }
      return;
    }
    for (const r of d.rows) {
      const ty = checkAt(r.expr, 'ente', null, r.name.name);
      const sym = s.names.get(r.name.name);
      if (sym && sym.decl === r) {
        sym.ty = ty;
        sym.checked = true;
      }
    }
  }

  function checkExample(d: Extract<A.Decl, { kind: 'example' }>) {
    const population = (d.tables ?? []).some((t) => t.role === 'persons');
    for (const a of d.expected) {
      // a per-person value has one value per person: in a population example it is expected per person
      const sym = a.path.length === 1 ? s.names.get(a.path[0].name) : undefined;
      if (population && sym && (sym.level === 'persona' || a.path[0].name === 'totale' || a.path[0].name === 'ammesso') && sym.kind !== 'table') {
        out.push(diag('example-person-value', file, a.path[0].span, lang, { name: a.path[0].name }));
      }
    }
    for (const a of [...d.given, ...d.expected]) checkAssign(a);
    for (const t of d.tables ?? []) checkExampleTable(t);
  }

  /** A table of a population example: its key column, one cell per column, each cell as a `dato`/`atteso` of its column. */
  function checkExampleTable(t: A.ExampleTable) {
    const names = t.columns.map((c) => c.map((p) => p.name).join('.'));
    const perUnit = t.role === 'units' || t.role === 'expectUnits';
    if (t.role === 'expectUnits' && t.name && t.name.name !== s.unitName) {
      out.push(diag('example-table-column', file, t.name.span, lang, { name: t.name.name, why: it ? `l'unità della scheda è «${s.unitName ?? '—'}»` : `the scheme's unit is «${s.unitName ?? '—'}»`, suggestion: s.unitName ?? '' }));
    }
    const tsym = t.role === 'table' && t.name ? s.names.get(t.name.name) : undefined;
    if (t.role === 'table' && t.name && tsym?.kind !== 'table') {
      out.push(diag('example-table-column', file, t.name.span, lang, { name: t.name.name, why: it ? 'non è una tabella della scheda' : 'it is not a table of the scheme', suggestion: suggest(t.name.name, [...s.names.values()].filter((x) => x.kind === 'table').map((x) => x.name)) ?? '' }));
      return;
    }
    const keyName = t.role === 'table' ? undefined : perUnit ? (s.unitKey?.name ?? (t.role === 'expectUnits' ? undefined : s.unitKey?.name)) : s.personKey?.name;
    if (keyName && !names.includes(keyName) && !(perUnit && !s.unitKey)) out.push(diag('example-table-key', file, t.span, lang, { name: keyName }));
    for (const r of t.rows) {
      if (r.cells.length !== t.columns.length) out.push(diag('example-table-cells', file, r.span, lang, { found: r.cells.length, expected: t.columns.length }));
    }
    t.columns.forEach((c, k) => {
      const head = c[0].name;
      let colTy: Ty | undefined;
      if (tsym) {
        const col = tsym.columns!.get(head);
        if (!col || c.length > 1) {
          out.push(diag('example-table-column', file, c[0].span, lang, { name: names[k], why: it ? `non è una colonna di «${tsym.name}»` : `it is not a column of «${tsym.name}»`, suggestion: suggest(head, [...tsym.columns!.keys()]) ?? '' }));
          return;
        }
        colTy = col.ty;
      } else {
        const sym = c.length === 1 ? s.names.get(head) : undefined;
        if (c.length === 1 && !sym && head !== 'totale' && head !== 'ammesso') {
          out.push(diag('example-table-column', file, c[0].span, lang, { name: head, why: it ? 'non è un dato né un valore della scheda' : 'it is neither an input nor a value of the scheme', suggestion: suggest(head, [...s.names.keys()]) ?? '' }));
          return;
        }
        if (sym && sym.kind === 'table') {
          out.push(diag('example-table-column', file, c[0].span, lang, { name: head, why: it ? 'è una tabella: scrivine le righe in «tabella ' + head + ' { … }»' : 'it is a table: write its rows in «table ' + head + ' { … }»', suggestion: '' }));
          return;
        }
        const lv = sym?.level;
        if (sym && t.role === 'persons' && lv !== 'persona') {
          out.push(diag('example-table-column', file, c[0].span, lang, { name: head, why: it ? 'non vale per persona (un dato dell\'ente si scrive con «dato»)' : 'it is not a per-person value (an entity input is written with «given»)', suggestion: '' }));
          return;
        }
        if (sym && perUnit && lv !== 'unit' && sym.ty.t !== 'unitref') { // the unit column names the unit
          out.push(diag('example-table-column', file, c[0].span, lang, { name: head, why: it ? "non vale per unità" : 'it is not a per-unit value', suggestion: '' }));
          return;
        }
      }
      for (const r of t.rows) {
        const cellE = r.cells[k];
        if (!cellE) continue;
        // a bare name in a text or unit column is that text (a person key, a unit code)
        const ty = tsym ? colTy : c.length === 1 ? s.names.get(head)?.ty : undefined;
        if (cellE.kind === 'ref' && cellE.path.length === 1 && (ty?.t === 'text' || ty?.t === 'unitref')) continue;
        if (tsym) {
          const x = at('ente');
          const rr = x.check(cellE, colTy);
          if (colTy && colTy.t !== 'any' && rr.ty.t !== 'any' && colTy.t !== rr.ty.t) out.push(diag('type-mismatch', file, cellE.span, lang, { expected: describe(colTy, lang), found: describe(rr.ty, lang) }));
          continue;
        }
        checkAssign({ kind: 'assign', path: c, value: cellE, meta: A.emptyMeta(), span: r.span });
      }
    });
  }

  function checkAssign(a: A.Assign) {
    {
      const [head, ...rest] = a.path;
      let ty: Ty | undefined;
      const tsym = s.names.get(head.name);
      if (tsym?.kind === 'table') {
        const col = rest[0] && tsym.columns!.get(rest[0].name);
        if (!col) {
          const sug = suggest(rest[0]?.name ?? '', [...tsym.columns!.keys()]);
          out.push(diag('example-unknown-name', file, (rest[0] ?? head).span, lang, { name: a.path.map((p) => p.name).join('.'), suggestion: sug ?? '' }));
          return;
        }
        at('ente').check(a.value, { t: 'list', of: col.ty });
        return;
      }
      if (rest.length && s.uses.includes(head.name)) {
        const o = others.get(head.name)?.names.get(rest[0].name);
        if (!o && others.has(head.name)) {
          const sug = suggest(rest[0].name, [...(others.get(head.name)?.names.keys() ?? [])]);
          out.push(diag('example-unknown-name', file, rest[0].span, lang, { name: rest[0].name, suggestion: sug ?? '' }));
        }
        ty = o?.ty;
      } else {
        const sym = s.names.get(head.name);
        if (!sym) {
          const sug = suggest(head.name, [...s.names.keys()]);
          out.push(diag('example-unknown-name', file, head.span, lang, { name: head.name, suggestion: sug ?? '' }));
          return;
        }
        ty = sym.ty.t === 'any' ? undefined : sym.ty;
      }
      // the person's unit field is given a unit code, bare or quoted (`dato settore = S01`), as in a persons table
      if (ty?.t === 'unitref' && ((a.value.kind === 'ref' && a.value.path.length === 1 && !s.names.has(a.value.path[0].name)) || a.value.kind === 'string')) return;
      const c = at('ente');
      const r = c.check(a.value, ty);
      if (ty && ty.t !== 'any' && r.ty.t !== 'any' && ty.t !== r.ty.t) {
        out.push(diag('type-mismatch', file, a.value.span, lang, { expected: describe(ty, lang), found: describe(r.ty, lang) }));
      } else if (ty?.t === 'num' && r.ty.t === 'num' && unitConflict(r.ty, ty)) {
        // `atteso premio = 600 punti` when premio is in euro
        out.push(diag('type-mismatch', file, a.value.span, lang, { expected: describe(ty, lang), found: describe(r.ty, lang) }));
      }
      // a given input stays within its declared range
      const field = rest.length === 0 ? (s.names.get(head.name)?.decl as A.Field | undefined) : undefined;
      if (field?.kind === 'field' && field.type.kind === 'num' && a.value.kind === 'quantity' && a.path.length === 1) {
        const v = new Decimal(a.value.value);
        const { min, max } = field.type;
        if ((min && v.lt(min.value)) || (max && v.gt(max.value))) {
          out.push(diag('example-out-of-range', file, a.value.span, lang, { name: head.name, value: a.value.text, min: min?.text ?? '…', max: max?.text ?? '…' }));
        }
      }
    }
  }
}

/**
 * The scheme's values and reports in an order where each comes after the values and report rows it names (a
 * depth-first walk with an explicit stack; within a cycle, which compile reports, any order).
 */
function valuesInOrder(decls: A.Decl[]): A.Decl[] {
  const provider = new Map<string, A.Decl>();
  for (const d of decls) {
    if (d.kind === 'value') provider.set(d.name.name, d);
    if (d.kind === 'report' && !d.per) for (const r of d.rows) provider.set(r.name.name, d);
  }
  const reads = (d: A.Decl): A.Decl[] => {
    const names = new Set<string>();
    const stack: A.Expr[] = d.kind === 'value' ? [d.expr] : d.kind === 'report' ? d.rows.map((r) => r.expr) : [];
    while (stack.length) {
      const e = stack.pop()!;
      if (e.kind === 'ref') names.add(e.path[0].name);
      stack.push(...exprChildren(e));
    }
    return [...names].map((n) => provider.get(n)).filter((x): x is A.Decl => !!x && x !== d);
  };
  const order: A.Decl[] = [];
  const state = new Map<A.Decl, 'visiting' | 'done'>();
  for (const d of decls) {
    if ((d.kind !== 'value' && d.kind !== 'report') || state.has(d)) continue;
    state.set(d, 'visiting');
    const stack: { d: A.Decl; next: A.Decl[]; i: number }[] = [{ d, next: reads(d), i: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.i < top.next.length) {
        const m = top.next[top.i++];
        if (state.has(m)) continue;
        state.set(m, 'visiting');
        stack.push({ d: m, next: reads(m), i: 0 });
      } else {
        state.set(top.d, 'done');
        order.push(top.d);
        stack.pop();
      }
    }
  }
  return order;
}

/** A literal: a number, text, yes/no, a label (a bare word the scheme does not declare), or a list of them. */
function isConstant(e: A.Expr, s: SchemeSymbols): boolean {
  switch (e.kind) {
    case 'quantity': case 'string': case 'bool': return true;
    case 'unary': return e.op === '-' && isConstant(e.arg, s);
    case 'list': return e.items.every((x) => isConstant(x, s));
    case 'ref': return e.path.length === 1 && !s.names.has(e.path[0].name) && !s.uses.includes(e.path[0].name);
    default: return false;
  }
}

function firstRefAt(e: A.Expr, level: LevelName, s: SchemeSymbols): string | undefined {
  if (e.kind === 'ref') {
    const sym = s.names.get(e.path[0].name);
    if (!sym || sym.level === level) return e.path.map((p) => p.name).join('.');
  }
  if (e.kind === 'builtin') return e.name;
  if (e.kind === 'call') return undefined;
  const parts = e.kind === 'chain' ? e.args : e.kind === 'if' ? [...e.branches.flatMap((b) => [b.cond, b.then]), e.else] : Object.values(e);
  for (const k of parts) {
    if (k && typeof k === 'object' && 'kind' in k && 'span' in k) {
      const r = firstRefAt(k as A.Expr, level, s);
      if (r) return r;
    }
  }
  return undefined;
}

function checkGatesAgainstBands(s: SchemeSymbols, out: Diagnostic[]) {
  const bands = s.ast.decls.filter((d): d is Extract<A.Decl, { kind: 'bands' }> => d.kind === 'bands');
  const sameSubject = (a: A.Expr, b: A.Expr) =>
    (a.kind === 'builtin' && b.kind === 'builtin' && a.name === b.name) ||
    (a.kind === 'ref' && b.kind === 'ref' && a.path.map((p) => p.name).join('.') === b.path.map((p) => p.name).join('.'));
  for (const g of s.ast.decls) {
    if (g.kind !== 'gate') continue;
    const conds: A.Expr[] = [];
    if (g.cond.kind === 'chain' && g.cond.ops[0] === 'e') conds.push(...g.cond.args);
    else conds.push(g.cond);
    for (const c of conds) {
      if (c.kind !== 'binary' || !['>=', '>'].includes(c.op) || c.right.kind !== 'quantity') continue;
      for (const b of bands) {
        if (!sameSubject(c.left, b.subject)) continue;
        if (b.rows.every((r) => r.value.kind === 'quantity' && Number(r.value.value) === 0)) continue; // a rating scale, not a pay table
        const v = admittedUnpaid(b.rows, new Decimal(c.right.value), c.op === '>=');
        if (v) {
          const it = s.ast.lang === 'it';
          out.push(diag('gate-admits-unpaid', s.file, g.span, s.ast.lang, {
            gate: g.label ?? g.name.name, bands: b.label ?? b.name.name, range: (it ? 'il punteggio ' : 'the score ') + v.toFixed().replace('.', it ? ',' : '.'),
          }, [{ message: it ? 'tabella delle fasce' : 'bands table', file: s.file, span: b.span }]));
        }
      }
    }
  }
}

/** Categories enumerated at most: the product of the choices of the fields the maxima read. */
const MAX_CATEGORY_COMBINATIONS = 1000;

type Choice = string | boolean;

/**
 * Maxima that depend on a person's category (`max (se categoria = D allora 40 punti altrimenti 30 punti)`): for
 * every combination of the choice fields they read (an enumeration, a yes/no), each section's items add up to
 * the section's maximum and the sections and items to the total, as fixed maxima do once.
 */
function checkMaximaPerCategory(s: SchemeSymbols, out: Diagnostic[], _at: (l: LevelName) => ExprChecker) {
  const { file } = s;
  const lang = s.ast.lang;
  const it = lang === 'it';
  const fields = new Map<string, Choice[]>();
  const exprs: { name: string; e: A.Expr }[] = [];
  for (const d of s.ast.decls) {
    if (d.kind === 'item' && d.maxBy) exprs.push({ name: d.name.name, e: d.maxBy });
    if (d.kind === 'section') {
      if (d.maxBy) exprs.push({ name: d.name.name, e: d.maxBy });
      for (const i of d.items) if (i.maxBy) exprs.push({ name: i.name.name, e: i.maxBy });
    }
  }
  // what the maxima may read: the person's choice fields (uno_tra, sì_no), labels, named sets and constants
  let ok = true;
  for (const { name, e } of exprs) {
    const stack = [e];
    while (stack.length) {
      const x = stack.pop()!;
      let bad: string | undefined;
      if (x.kind === 'ref') {
        const sym = s.names.get(x.path[0].name);
        const f = sym?.decl as A.Field | undefined;
        if (sym && sym.kind === 'input' && f?.kind === 'field' && sym.level === 'persona' && x.path.length === 1 && (f.type.kind === 'enum' || f.type.kind === 'bool')) {
          fields.set(sym.name, f.type.kind === 'enum' ? f.type.values.map((v) => v.name) : [true, false]);
        } else if (sym && sym.kind !== 'set') bad = x.path.map((p) => p.name).join('.');
      } else if (x.kind === 'builtin' || x.kind === 'call' || x.kind === 'best' || x.kind === 'lookup') {
        bad = x.kind === 'builtin' ? x.name : x.kind === 'call' ? x.fn.name : x.kind === 'lookup' ? x.table.name : x.kind;
      }
      if (bad) {
        out.push(diag('max-not-per-category', file, x.span, lang, { name, other: bad }));
        ok = false;
        break;
      }
      stack.push(...exprChildren(x));
    }
  }
  if (!ok) return;
  const names = [...fields.keys()];
  const combos: Map<string, Choice>[] = [new Map()];
  for (const n of names) {
    const next: Map<string, Choice>[] = [];
    for (const c of combos) for (const v of fields.get(n)!) next.push(new Map([...c, [n, v]]));
    combos.splice(0, combos.length, ...next.slice(0, MAX_CATEGORY_COMBINATIONS));
  }
  const show = (v: Choice) => (typeof v === 'boolean' ? (v ? (it ? 'vero' : 'true') : (it ? 'falso' : 'false')) : v);
  const fmt = (d: Decimal) => d.toFixed().replace('.', it ? ',' : '.');
  const reported = new Set<string>();
  const report = (key: string, code: Code, span: A.Span, args: Record<string, string>) => {
    if (reported.has(key)) return;
    reported.add(key);
    out.push(diag(code, file, span, lang, args));
  };
  const total = s.ast.decls.find((d): d is Extract<A.Decl, { kind: 'total' }> => d.kind === 'total');
  for (const c of combos) {
    const when = [...c].map(([k, v]) => `${k} = ${show(v)}`).join(it ? ' e ' : ' and ');
    const maxOf = (x: { max: A.Quantity; maxBy?: A.Expr }, name: string): Decimal | undefined => {
      if (!x.maxBy) return new Decimal(x.max.value);
      const v = fold(x.maxBy, c, s);
      if (!(v instanceof Decimal)) report(`nf|${name}`, 'max-not-per-category', x.maxBy.span, { name, other: it ? 'un valore non costante' : 'a value that is not constant' });
      return v instanceof Decimal ? v : undefined;
    };
    let all = new Decimal(0);
    let complete = true;
    for (const d of s.ast.decls) {
      if (d.kind === 'item') {
        const m = maxOf(d, d.name.name);
        if (m) all = all.plus(m);
        else complete = false;
      }
      if (d.kind !== 'section') continue;
      const smax = maxOf(d, d.name.name);
      if (!smax) {
        complete = false;
        continue;
      }
      all = all.plus(smax);
      if (d.items.some((i) => i.weight)) continue; // weighted items are scaled to the section's maximum
      let sum = new Decimal(0);
      for (const i of d.items) {
        const m = maxOf(i, i.name.name);
        if (!m) complete = false;
        else sum = sum.plus(m);
      }
      if (!complete) continue;
      const args = { section: d.label ?? d.name.name, sum: fmt(sum), max: fmt(smax), when };
      if (sum.gt(smax)) report(`s|${d.name.name}`, 'item-max-exceeds-section-for', d.maxBy?.span ?? d.max.span, args);
      else if (sum.lt(smax)) report(`u|${d.name.name}`, 'section-max-unreachable-for', d.maxBy?.span ?? d.max.span, args);
    }
    if (total && complete && !all.eq(total.max.value)) report('t', 'total-max-mismatch-for', total.max.span, { sum: fmt(all), max: fmt(new Decimal(total.max.value)), when });
  }
}

/** The value of a maximum for one category: a number, a label, yes/no; undefined when it is not decided by the category. */
function fold(e: A.Expr, c: Map<string, Choice>, s: SchemeSymbols): Decimal | Choice | undefined {
  switch (e.kind) {
    case 'quantity': return new Decimal(e.value);
    case 'string': return e.value;
    case 'bool': return e.value;
    case 'ref': {
      const n = e.path[0].name;
      if (c.has(n)) return c.get(n);
      return s.names.has(n) ? undefined : n; // a label
    }
    case 'unary': {
      const v = fold(e.arg, c, s);
      if (e.op === 'non') return typeof v === 'boolean' ? !v : undefined;
      return v instanceof Decimal ? v.neg() : undefined;
    }
    case 'binary': {
      const [l, r] = [fold(e.left, c, s), fold(e.right, c, s)];
      if (l === undefined || r === undefined) return undefined;
      if (l instanceof Decimal && r instanceof Decimal) {
        const k = l.comparedTo(r);
        return { '=': k === 0, '<>': k !== 0, '<': k < 0, '<=': k <= 0, '>': k > 0, '>=': k >= 0 }[e.op];
      }
      if (e.op === '=') return l === r;
      if (e.op === '<>') return l !== r;
      return undefined;
    }
    case 'chain': {
      const vs = e.args.map((a) => fold(a, c, s));
      if (vs.some((v) => v === undefined)) return undefined;
      if (e.ops[0] === 'e' || e.ops[0] === 'o') return vs.every((v) => typeof v === 'boolean') ? (e.ops[0] === 'e' ? vs.every((v) => v) : vs.some((v) => v)) : undefined;
      if (!vs.every((v) => v instanceof Decimal)) return undefined;
      let acc = vs[0] as Decimal;
      for (let i = 1; i < vs.length; i++) {
        const v = vs[i] as Decimal;
        const op = e.ops[i - 1];
        if (op === '/' && v.isZero()) return undefined;
        acc = op === '+' ? acc.plus(v) : op === '-' ? acc.minus(v) : op === '*' ? acc.times(v) : acc.div(v);
      }
      return acc;
    }
    case 'if': {
      for (const b of e.branches) {
        const v = fold(b.cond, c, s);
        if (typeof v !== 'boolean') return undefined;
        if (v) return fold(b.then, c, s);
      }
      return fold(e.else, c, s);
    }
    case 'in': {
      const x = fold(e.arg, c, s);
      if (x === undefined) return undefined;
      const set = e.setName ? ((s.names.get(e.setName.name)?.decl as Extract<A.Decl, { kind: 'set' }> | undefined)?.items ?? []) : e.set;
      const vs = set.map((y) => fold(y, c, s));
      const hit = vs.some((y) => (y instanceof Decimal && x instanceof Decimal ? y.eq(x) : y === x));
      return e.negated ? !hit : hit;
    }
    case 'scale': {
      const v = fold(e.subject, c, s);
      if (v === undefined) return undefined;
      for (const r of e.rows) {
        const w = r.when;
        if (w.kind === 'otherwise' || (w.kind === 'label' && w.label.name === v)) return fold(r.value, c, s);
        if (w.kind === 'range') {
          if (!(v instanceof Decimal)) continue;
          if (w.lo && (w.loIncl ? v.lt(w.lo.value) : v.lte(w.lo.value))) continue;
          if (w.hi && (w.hiIncl ? v.gt(w.hi.value) : v.gte(w.hi.value))) continue;
          return fold(r.value, c, s);
        }
      }
      return undefined;
    }
    default: return undefined;
  }
}
