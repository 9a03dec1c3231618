// Compile pass: a checked scheme -> its IR document. Same text -> same bytes: keys in a fixed order,
// declarations in source order, no timestamps or absolute paths.
import { twoWayCategories } from '../check/two-way.ts';
import type * as A from '../syntax/ast.ts';
import type { CheckedScheme } from '../check/scheme.ts';
import { ExprCompiler } from './expr.ts';
import { expr as printExpr, makeCtx } from '../format/expr.ts';
import { compileExampleTables, exampleCell } from './examples.ts';
import type { IrDecl, IrInput, IrLevel, IrScheme, IrType, JL } from './ir.ts';

const lvl = (l: A.Level): IrLevel => (l.kind === 'unit' ? 'unit' : l.kind);

function irType(t: A.TypeRef): IrType {
  switch (t.kind) {
    case 'num': {
      const r: IrType = { base: 'num', unit: t.unit };
      if (t.whole) r.whole = true;
      if (t.min) r.min = t.min.value;
      if (t.max) r.max = t.max.value;
      return r;
    }
    case 'bool': return { base: 'bool' };
    case 'text': return { base: 'text' };
    case 'enum': return { base: 'enum', values: t.values.map((v) => v.name) };
    case 'list': return { base: 'list', of: irType(t.of) };
    case 'unitref': return { base: 'unitref' };
    case 'date': return { base: 'date' };
  }
}

function src(m: A.Meta, span: A.Span) {
  const r: { sources?: string[]; notes?: string[]; line: number; col: number } = { line: span.line, col: span.col };
  if (m.sources.length) r.sources = m.sources;
  if (m.notes.length) r.notes = m.notes;
  return r;
}

function input(f: A.Field, level: IrLevel, x: ExprCompiler, lang: 'it' | 'en'): IrInput {
  const r: IrInput = { name: f.name.name, level, type: irType(f.type), ...src(f.meta, f.name.span) };
  if (f.isKey) r.key = true;
  if (f.label) r.label = f.label;
  if (f.default) r.default = x.c(f.default);
  if (f.onlyIf) {
    r.onlyIf = x.c(f.onlyIf);
    r.onlyIfText = printExpr(f.onlyIf, makeCtx(lang, lang));
  }
  return r;
}

/** The unit written on an expected literal (`56,25%`, `-3 punti`): examples compare units too. */
function literalUnit(e: A.Expr): { unit?: string } {
  if (e.kind === 'unary' && e.op === '-') return literalUnit(e.arg);
  return e.kind === 'quantity' && e.unit ? { unit: e.unit } : {};
}

/** The IR as JSON text; source positions (line, col) only when asked, so that layout changes nothing. */
export function serializeIr(ir: IrScheme, positions = false): string {
  return JSON.stringify(ir, (k, v) => (!positions && (k === 'line' || k === 'col') ? undefined : v), 2) + '\n';
}

export function compileScheme(cs: CheckedScheme): IrScheme {
  const { syms, res } = cs;
  const ast = syms.ast;
  const maxOf = new Map<string, string | A.Expr>(); // a maximum per category: its expression
  const maxSpec = (x: { max: A.Quantity; maxBy?: A.Expr }) => x.maxBy ?? x.max.value;
  for (const d of ast.decls) {
    if (d.kind === 'item') maxOf.set(d.name.name, maxSpec(d));
    if (d.kind === 'section') {
      maxOf.set(d.name.name, maxSpec(d));
      for (const i of d.items) maxOf.set(i.name.name, maxSpec(i));
    }
    if (d.kind === 'total') maxOf.set('totale', d.max.value);
  }
  const x = new ExprCompiler(res, (n) => maxOf.get(n));
  const maxJL = (i: { max: A.Quantity; maxBy?: A.Expr }): JL => (i.maxBy ? x.c(i.maxBy) : { dec: i.max.value });
  const ir: IrScheme = {
    ir: 'scheda-ir/1', id: syms.id, file: syms.id + '.scheda', year: ast.year.value, lang: ast.lang,
    sources: ast.meta.sources, notes: ast.meta.notes, uses: [...syms.uses], inputs: [], tables: [], decls: [], ties: [],
    funds: [], reports: [], constraints: [], examples: [],
  };
  if (ast.title) ir.title = ast.title;
  if (syms.unitName) ir.unit = syms.unitName;
  if (syms.unitKey) ir.unitKey = syms.unitKey.name;
  if (syms.personKey) ir.personKey = syms.personKey.name;
  if (syms.personUnitField) ir.personUnit = syms.personUnitField.name;

  const items: string[] = [];
  const penalties: string[] = [];
  const gates: string[] = [];
  // the scheme's functions each declaration calls (inlined: explain names them)
  const push = (d: IrDecl) => {
    if (x.inlined.size) d.functions = [...x.inlined].sort();
    x.inlined.clear();
    ir.decls.push(d);
  };
  const item = (i: A.Item, section?: string) => {
    items.push(i.name.name);
    const d: IrDecl = {
      name: i.name.name, kind: 'item', level: 'persona', expr: { limit: { value: x.c(i.expr), max: i.maxBy ? x.c(i.maxBy) : i.max.value, clamp: i.clamped } },
      ...(i.maxBy ? {} : { max: i.max.value }), ...(i.weight ? { weight: i.weight.value } : {}), ...src(i.meta, i.name.span),
    };
    if (i.label) d.label = i.label;
    if (section) d.section = section;
    push(d);
    if (!section) items.push();
  };
  const topItems: string[] = [];
  for (const d of ast.decls) {
    x.inlined.clear();
    const base = (name: string, label: string | undefined, span: A.Span) => ({ name, ...(label ? { label } : {}), ...src(d.meta, span) });
    switch (d.kind) {
      case 'entity': ir.entity = d.name; break;
      case 'inputs': for (const f of d.fields) ir.inputs.push(input(f, lvl(d.level), x, ast.lang)); break;
      case 'table': {
        const cols = syms.names.get(d.name.name)?.columns;
        const computed = (d.computed ?? []).map((c) => {
          const ty = cols?.get(c.name.name)?.ty;
          const type = ty?.t === 'num' ? { type: { base: 'num' as const, unit: ty.unit ?? 'numero' } } : ty && (ty.t === 'bool' || ty.t === 'text' || ty.t === 'date') ? { type: { base: ty.t } } : {};
          return { name: c.name.name, ...(c.label ? { label: c.label } : {}), expr: x.c(c.expr), ...type };
        });
        ir.tables.push({
          name: d.name.name, level: lvl(d.level), ...(d.label ? { label: d.label } : {}), columns: d.fields.map((f) => input(f, lvl(d.level), x, ast.lang)),
          ...(computed.length ? { computed } : {}), ...src(d.meta, d.name.span),
        });
        break;
      }
      case 'value': {
        // a computed category carries its values, as an input's does (results, reports and explain show the label)
        const ty = d.type ? syms.names.get(d.name.name)?.ty : undefined;
        push({ ...base(d.name.name, d.label, d.name.span), kind: 'value', level: lvl(d.level), expr: x.c(d.expr), ...(ty?.t === 'enum' ? { type: { base: 'enum' as const, values: ty.values } } : {}) });
        break;
      }
      case 'total':
        ir.total = {
          max: d.max.value, ...(d.min ? { min: d.min.value } : {}),
          ...(d.rounding ? { round: { places: d.rounding.places.value, mode: d.rounding.mode === 'eccesso' ? 'up' as const : d.rounding.mode === 'difetto' ? 'down' as const : 'nearest' as const } } : {}),
        };
        break;
      case 'section': {
        for (const i of d.items) item(i, d.name.name);
        // weighted items: each counts for its weight of the section's maximum, in proportion to its own
        // maximum (section = max × Σ weight × value / item max); otherwise the section is their sum
        const weighted = d.items.some((i) => i.weight);
        const sum: JL = !d.items.length ? { dec: '0' }
          // each term divides last, and the sum is rounded to 10 decimals, so that 60 stays 60, not 59,999…
          : weighted ? { round: [{ '+': d.items.map((i) => ({ '/': [{ '*': [maxJL(d), { dec: i.weight?.value ?? '0' }, { val: i.name.name }] }, maxJL(i)] })) }, { dec: '10' }] }
          : { '+': d.items.map((i) => ({ val: i.name.name })) };
        push({ ...base(d.name.name, d.label, d.name.span), kind: 'section', level: 'persona', expr: sum, ...(d.maxBy ? {} : { max: d.max.value }) });
        topItems.push(d.name.name);
        break;
      }
      case 'item': item(d); topItems.push(d.name.name); break;
      case 'gate': {
        gates.push(d.name.name);
        const cond = x.c(d.cond);
        push({ ...base(d.name.name, d.label, d.name.span), kind: 'gate', level: d.entity ? 'ente' : 'persona', expr: d.waiver ? { or: [cond, x.c(d.waiver)] } : cond });
        break;
      }
      case 'penalty':
        penalties.push(d.name.name);
        // a penalty deducts from 0 up to its declared maximum: more is capped, a negative deduction is an error
        push({
          ...base(d.name.name, d.label, d.name.span), kind: 'penalty', level: 'persona',
          expr: d.max ? { limit: { value: { min: [x.c(d.expr), { dec: d.max.value }] }, max: d.max.value, clamp: false } } : { limit: { value: x.c(d.expr), max: '1000000000', clamp: false } },
          ...(d.max ? { max: d.max.value } : {}),
        });
        break;
      case 'reduction': push({ ...base(d.name.name, d.label, d.name.span), kind: 'reduction', level: 'persona', expr: x.c(d.expr) }); break;
      case 'bands':
        push({
          ...base(d.name.name, d.label, d.name.span), kind: 'bands', level: 'persona',
          expr: { bands: { subject: x.c(d.subject), rows: d.rows.map((r) => ({ name: r.name?.name ?? '', ...(r.label ? { label: r.label } : {}), when: x.interval(r.when), value: x.c(r.value) })) } },
          type: { base: 'enum', values: d.rows.map((r) => r.name?.name ?? '') },
        });
        break;
      case 'constraint':
        ir.constraints.push({
          ...(d.label ? { label: d.label } : {}), expr: x.c(d.cond),
          ...(d.per === 'persona' ? { per: 'persona' as const } : d.per && d.per.name === syms.unitName ? { per: 'unit' as const } : d.per ? { per: 'table' as const, table: d.per.name } : {}),
          ...(d.severity ? { severity: 'warning' as const } : {}),
          ...src(d.meta, d.span),
        });
        break;
      case 'fund': {
        // named payment tiers: each accounted for apart; what the fund paid is their sum
        const tiers = d.paidName || d.tiers?.length ? [
          { name: d.paidName?.name ?? d.name.name, ...(d.paidLabel ? { label: d.paidLabel } : {}), expr: x.c(d.paid), line: d.paid.span.line, col: d.paid.span.col },
          ...(d.tiers ?? []).map((t) => ({ name: t.name.name, ...(t.label ? { label: t.label } : {}), expr: x.c(t.expr), line: t.span.line, col: t.span.col })),
        ] : undefined;
        ir.funds.push({
          name: d.name.name, ...(d.label ? { label: d.label } : {}), amount: x.c(d.amount),
          paid: tiers && tiers.length > 1 ? { '+': tiers.map((t) => t.expr) } : x.c(d.paid), ...(tiers ? { tiers } : {}), ...(d.allocation ? { allocation: true as const } : {}),
          remainders: d.remainders.map((r) => ({ name: r.name.name, ...(r.label ? { label: r.label } : {}), expr: x.c(r.expr), line: r.span.line, col: r.span.col })),
          ...src(d.meta, d.name.span),
        });
        break;
      }
      case 'ties': ir.ties = d.keys.map((k) => ({ name: k.expr.name, dir: k.dir === 'decrescente' ? 'desc' : 'asc' })); break;
      case 'report':
        if (d.across) {
          // a two-way table: each line one aggregate over the persons of each cell (rows × columns, with totals)
          const cats = twoWayCategories.get(d);
          ir.reports.push({
            name: d.name.name, ...(d.label ? { label: d.label } : {}), rows: [], per: d.per!.name, across: d.across.name, ...(cats ? { twoWay: cats } : {}),
            columns: d.rows.map((r) => {
              const ty = res.columnTypes?.get(r);
              return { name: r.name.name, ...(r.label ? { label: r.label } : {}), expr: x.c(r.expr), ...(ty?.t === 'num' ? { type: { base: 'num' as const, unit: ty.unit ?? 'numero' } } : {}) };
            }),
            line: d.span.line, col: d.span.col,
          });
          break;
        }
        if (d.per) {
          ir.reports.push({
            name: d.name.name, ...(d.label ? { label: d.label } : {}), rows: [], per: d.per.name, ...(d.per.name === syms.unitName ? { perUnit: true } : {}),
            columns: d.rows.map((r) => {
              const ty = res.columnTypes?.get(r);
              const type = ty?.t === 'num' ? { type: { base: 'num' as const, unit: ty.unit ?? 'numero' } } : ty?.t === 'text' ? { type: { base: 'text' as const } } : {};
              return { name: r.name.name, ...(r.label ? { label: r.label } : {}), expr: x.c(r.expr), ...type };
            }),
            line: d.span.line, col: d.span.col,
          });
          break;
        }
        ir.reports.push({ name: d.name.name, ...(d.label ? { label: d.label } : {}), rows: d.rows.map((r) => r.name.name), line: d.span.line, col: d.span.col });
        for (const r of d.rows) push({ name: r.name.name, ...(r.label ? { label: r.label } : {}), ...src(r.meta, r.name.span), kind: 'report', level: 'ente', expr: x.c(r.expr) });
        break;
      case 'example':
        ir.examples.push({
          label: d.label,
          given: d.given.map((a) => ({ path: a.path.map((p) => p.name), value: exampleCell(a.value, x, (e) => res.refs.has(e)) })),
          expected: d.expected.map((a) => ({ path: a.path.map((p) => p.name), value: x.c(a.value), ...literalUnit(a.value), line: a.span.line, col: a.span.col })),
          ...compileExampleTables(d, x, (e) => res.refs.has(e)),
          ...src(d.meta, d.span),
        });
        break;
    }
  }
  const sum = (names: string[]): JL => (names.length ? { '+': names.map((n) => ({ val: n })) } : { dec: '0' });
  let total: JL = penalties.length ? { '-': [sum(topItems), sum(penalties)] } : sum(topItems);
  if (ir.total?.min !== undefined) total = { max: [total, { dec: ir.total.min }] };
  // the total rounded before bands, gates and payouts read it
  const r = ir.total?.round;
  if (r) total = { [r.mode === 'up' ? 'ceil' : r.mode === 'down' ? 'floor' : 'round']: [total, { dec: r.places }] };
  // the type the checker inferred, so that reports can print each value in its unit
  for (const d of ir.decls) {
    const ty = syms.names.get(d.name)?.ty;
    if (!d.type && ty?.t === 'num') d.type = { base: 'num', unit: ty.unit ?? 'numero' };
    else if (!d.type && ty && (ty.t === 'bool' || ty.t === 'text')) d.type = { base: ty.t };
    else if (!d.type && ty?.t === 'date') d.type = { base: 'date' };
  }
  const at = (kind: string) => ast.decls.find((d) => d.kind === kind)?.span ?? ast.name.span;
  const tl = at('total');
  const gl = at('gate');
  push({ name: 'totale', kind: 'total', level: 'persona', expr: total, ...(ir.total ? { max: ir.total.max } : {}), type: { base: 'num', unit: 'punti' }, line: tl.line, col: tl.col });
  push({ name: 'ammesso', kind: 'eligible', level: 'persona', expr: gates.length ? { and: gates.map((g) => ({ val: g })) } : true, type: { base: 'bool' }, line: gl.line, col: gl.col });
  void items;
  return ir;
}
