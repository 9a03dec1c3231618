// Printing declarations and the nodes inside their blocks. Each printer returns the node's lines, already
// indented, with its leading comments before, its `fonte`/`nota` lines after and its trailing comment.
import { emptyMeta, type Assign, type Decl, type ExampleTable, type Expr, type Field, type Item, type Level, type Meta, type PaidTier, type Quantity, type ReportRow, type Remainder, type ScaleRow, type TypeRef } from '../syntax/ast.ts';
import { CONTEXT_WORDS, type KeywordName } from '../syntax/keywords.ts';
import { comment, expr, kw, lab, quantity, rhs, row, str, type Ctx } from './expr.ts';

export { comment };

export function metaLines(meta: Meta, ctx: Ctx, ind: string): string[] {
  return [
    ...meta.sources.map((s) => `${ind}${kw(ctx, 'Fonte')} ${str(s)}`),
    ...meta.notes.map((s) => `${ind}${kw(ctx, 'Nota')} ${str(s)}`),
    ...(meta.variants ?? []).map((v) => `${ind}${kw(ctx, 'Variante')} ${v.name.name}${lab(v.label)}:${rhs(v.expr, ctx, ind)}`),
  ];
}

/**
 * A node with its comments and meta. `body`'s first line is put at indentation `ind`; its further lines
 * (blocks, scales) carry their own indentation. A comment that ended the node's first line in the source
 * (`headTrailing`) ends it again; the trailing comment ends its last line, after its `fonte`/`nota` lines.
 */
export function withMeta(meta: Meta, ctx: Ctx, ind: string, body: string): string[] {
  const lines = [...meta.comments.map((c) => ind + comment(c)), ...(ind + body).split('\n')];
  if (meta.headTrailing !== undefined) lines[meta.comments.length] += '  ' + comment(meta.headTrailing);
  lines.push(...metaLines(meta, ctx, ind + '  '));
  if (meta.trailing !== undefined) lines[lines.length - 1] += '  ' + comment(meta.trailing);
  return lines;
}

/** `head {`, the children, the comments after the last one, `}`; `head {}` when there is nothing inside. */
function block(head: string, ind: string, children: string[][], meta?: Meta): string {
  const closing = meta?.closing ?? [];
  if (children.length === 0 && closing.length === 0 && meta?.open === undefined) return `${head} {}`;
  const open = meta?.open !== undefined ? '  ' + comment(meta.open) : '';
  return [`${head} {${open}`, ...children.flat(), ...closing.map((c) => ind + '  ' + comment(c)), `${ind}}`].join('\n');
}

const UNIT_TYPE: Record<string, KeywordName> = {
  punti: 'TPunti', euro: 'TEuro', percentuale: 'TPercentuale', giorni: 'TGiorni', mesi: 'TMesi', ore: 'TOre', numero: 'TNumero', intero: 'TIntero',
};

export function typeRef(t: TypeRef, ctx: Ctx): string {
  switch (t.kind) {
    case 'num': {
      const range = t.min && t.max ? ` ${kw(ctx, 'Da')} ${quantity(t.min, ctx)} ${kw(ctx, 'A')} ${quantity(t.max, ctx)}` : '';
      // `giorni interi` in Italian, `whole days` in English
      const u = kw(ctx, UNIT_TYPE[t.unit]);
      const w = t.whole ? kw(ctx, 'TInteri') : '';
      return (w ? (ctx.lang === 'it' ? `${u} ${w}` : `${w} ${u}`) : u) + range;
    }
    case 'bool':
      return kw(ctx, 'TSiNo');
    case 'text':
      return kw(ctx, 'TTesto');
    case 'enum':
      return `${kw(ctx, 'UnoTra')}(${t.values.map((v) => v.name).join(ctx.sep)})`;
    case 'list':
      return `${kw(ctx, 'Lista', 'Di')} ${typeRef(t.of, ctx)}`;
    case 'unitref':
      return t.name.name;
    case 'date':
      return kw(ctx, 'TData');
  }
}

function level(l: Level, ctx: Ctx): string {
  return l.kind === 'ente' ? kw(ctx, 'Ente') : l.kind === 'persona' ? kw(ctx, 'Persona') : l.name.name;
}

export function field(f: Field, ctx: Ctx, ind: string): string[] {
  const opt = f.default ? ` ${kw(ctx, 'Facoltativo', 'Predefinito')} ${expr(f.default, ctx, ind)}` : '';
  const only = f.onlyIf ? ` ${kw(ctx, 'Solo', 'Se')} ${expr(f.onlyIf, ctx, ind)}` : '';
  const body = `${f.name.name}: ${typeRef(f.type, ctx)}${f.isKey ? ' ' + kw(ctx, 'Chiave') : ''}${opt}${only}${lab(f.label)}`;
  return withMeta(f.meta, ctx, ind, body);
}

function itemBody(it: Item, ctx: Ctx, ind: string): string {
  let head = `${kw(ctx, 'Voce')} ${it.name.name}${lab(it.label)} ${kw(ctx, 'Max')} ${maxText(it.max, it.maxBy, ctx, ind)}`;
  if (it.weight) head += ` ${kw(ctx, 'Peso')} ${quantity(it.weight, ctx)}`;
  if (it.clamped) head += ' ' + kw(ctx, 'Limitata');
  return `${head} =${rhs(it.expr, ctx, ind)}`;
}

function sectionItem(it: Item, ctx: Ctx, ind: string): string[] {
  return withMeta(it.meta, ctx, ind, itemBody(it, ctx, ind));
}

function bandRow(r: ScaleRow, ctx: Ctx, ind: string): string[] {
  return withMeta(r.meta, ctx, ind, row(r, ctx, ind));
}

/** `30 punti`, or a maximum that depends on the person, in brackets: `(se categoria = D allora 40 punti altrimenti 30 punti)`. */
function maxText(max: Quantity, maxBy: Expr | undefined, ctx: Ctx, ind: string): string {
  return maxBy ? `(${expr(maxBy, ctx, ind)})` : quantity(max, ctx);
}

function paidTier(t: PaidTier, ctx: Ctx, ind: string): string[] {
  return withMeta(t.meta, ctx, ind, `${kw(ctx, 'Pagato')} ${t.name.name}${lab(t.label)}: ${expr(t.expr, ctx, ind)}`);
}

function remainder(r: Remainder, ctx: Ctx, ind: string): string[] {
  return withMeta(r.meta, ctx, ind, `${kw(ctx, 'Resto')} ${r.name.name}${lab(r.label)}: ${expr(r.expr, ctx, ind)}`);
}

function reportRow(r: ReportRow, ctx: Ctx, ind: string): string[] {
  return withMeta(r.meta, ctx, ind, `${r.name.name}${lab(r.label)} =${rhs(r.expr, ctx, ind)}`);
}

/** A path in an example or a ties key: the builtins `totale`/`ammesso` are keywords. */
export function pathName(names: string[], ctx: Ctx): string {
  if (names.length === 1 && names[0] === 'totale') return kw(ctx, 'Totale');
  if (names.length === 1 && names[0] === 'ammesso') return kw(ctx, 'Ammesso');
  return names.map((n, i) => (i > 0 && n === 'totale' ? kw(ctx, 'Totale') : i > 0 && n === 'ammesso' ? kw(ctx, 'Ammesso') : n)).join('.');
}

function assign(a: Assign, k: KeywordName, ctx: Ctx, ind: string): string[] {
  return withMeta(a.meta, ctx, ind, `${kw(ctx, k)} ${pathName(a.path.map((p) => p.name), ctx)} = ${expr(a.value, ctx, ind)}`);
}

const q = (x: Quantity, ctx: Ctx): string => quantity(x, ctx);

/** A population example's table: `persone {`, the columns, one row a line, cells aligned under their column. */
function exampleTable(t: ExampleTable, ctx: Ctx, ind: string): string[] {
  const head =
    t.role === 'persons' ? kw(ctx, 'Persone')
    : t.role === 'units' ? kw(ctx, 'Unita')
    : t.role === 'table' ? `${kw(ctx, 'Tabella')} ${t.name?.name ?? ''}`
    : `${kw(ctx, 'Atteso')} ${kw(ctx, 'Per')} ${t.role === 'expectPersons' ? kw(ctx, 'Persona') : t.name?.name ?? ''}`;
  const inner = ind + '  ';
  const grid = [t.columns.map((c) => pathName(c.map((p) => p.name), ctx)), ...t.rows.map((r) => r.cells.map((c) => expr(c, ctx, inner)))];
  const width = (x: string) => [...x].length;
  const widths: number[] = [];
  for (const row of grid) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  const line = (row: string[]) => inner + row.map((c, i) => (i === row.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join(' | ');
  const rows = t.rows.flatMap((r, k) => [...r.meta.comments.map((c) => inner + comment(c)), line(grid[k + 1]) + (r.meta.trailing !== undefined ? '  ' + comment(r.meta.trailing) : '')]);
  const open = t.meta.open !== undefined ? '  ' + comment(t.meta.open) : '';
  const closing = (t.meta.closing ?? []).map((c) => inner + comment(c));
  return withMeta(t.meta, ctx, ind, [`${head} {${open}`, line(grid[0]), ...rows, ...closing, `${ind}}`].join('\n'));
}

/** The text of a declaration without its comments and meta. */
function declBody(d: Decl, ctx: Ctx, ind: string): string {
  const inner = ind + '  ';
  const name = 'name' in d && typeof d.name === 'object' ? `${d.name.name}${lab('label' in d ? d.label : undefined)}` : '';
  switch (d.kind) {
    case 'entity':
      return `${kw(ctx, 'Ente')} ${str(d.name)}`;
    case 'source':
      return `${kw(ctx, 'Fonte')} ${str(d.text)}`;
    case 'unitDecl':
      return `${kw(ctx, 'Unita')} ${name}`;
    case 'uses':
      return `${kw(ctx, 'Usa')} ${d.scheme.name}`;
    case 'inputs':
      return block(`${kw(ctx, 'Dati')} ${level(d.level, ctx)}`, ind, d.fields.map((f) => field(f, ctx, inner)), d.meta);
    case 'table':
      return block(`${kw(ctx, 'Tabella')} ${d.name.name} ${kw(ctx, 'Per')} ${level(d.level, ctx)}${lab(d.label)}`, ind, [
        ...d.fields.map((f) => field(f, ctx, inner)),
        ...(d.computed ?? []).map((c) => withMeta(c.meta, ctx, inner, `${kw(ctx, 'Calcola')} ${c.name.name}${lab(c.label)} =${rhs(c.expr, ctx, inner)}`)),
      ], d.meta);
    case 'set':
      return `${kw(ctx, 'Insieme')} ${name} = [${d.items.map((x) => expr(x, ctx, ind)).join(ctx.sep)}]`;
    case 'value': {
      const lv = d.level.kind === 'persona' ? '' : ` ${kw(ctx, 'Per')} ${level(d.level, ctx)}`;
      const ty = d.type ? `: ${typeRef(d.type, ctx)}` : '';
      return `${kw(ctx, 'Calcola')} ${d.name.name}${ty}${lv}${lab(d.label)} =${rhs(d.expr, ctx, ind)}`;
    }
    case 'function': {
      const params = d.params.map((p) => `${p.name.name}: ${typeRef(p.type, ctx)}`).join(ctx.sep);
      return `${kw(ctx, 'Funzione')} ${d.name.name}(${params})${d.result ? `: ${typeRef(d.result, ctx)}` : ''}${lab(d.label)} =${rhs(d.expr, ctx, ind)}`;
    }
    case 'total':
      return `${kw(ctx, 'Totale', 'Max')} ${q(d.max, ctx)}${d.min ? ` ${kw(ctx, 'Minimo')} ${q(d.min, ctx)}` : ''}${d.rounding ? totalRounding(d.rounding, ctx) : ''}`;
    case 'section':
      return block(`${kw(ctx, 'Sezione')} ${name} ${kw(ctx, 'Max')} ${maxText(d.max, d.maxBy, ctx, ind)}`, ind, d.items.map((it) => sectionItem(it, ctx, inner)), d.meta);
    case 'item':
      return itemBody(d, ctx, ind);
    case 'gate': {
      const waiver = d.waiver ? ` ${kw(ctx, 'Salvo')} ${expr(d.waiver, ctx, ind)}` : '';
      return `${kw(ctx, 'Requisito')}${d.entity ? ' ' + kw(ctx, 'Ente') : ''} ${name}: ${expr(d.cond, ctx, ind)}${waiver}`;
    }
    case 'penalty':
      return `${kw(ctx, 'Penalita')} ${name}${d.max ? ` ${kw(ctx, 'Max')} ${q(d.max, ctx)}` : ''} =${rhs(d.expr, ctx, ind)}`;
    case 'reduction':
      return `${kw(ctx, 'Riduzione')} ${name} =${rhs(d.expr, ctx, ind)}`;
    case 'bands':
      return block(`${kw(ctx, 'Fasce')} ${name} ${kw(ctx, 'Su')} ${expr(d.subject, ctx, ind)}`, ind, d.rows.map((r) => bandRow(r, ctx, inner)), d.meta);
    case 'constraint':
      return `${kw(ctx, 'Vincolo')}${d.per ? ` ${kw(ctx, 'Per')} ${d.per === 'persona' ? kw(ctx, 'Persona') : d.per.name}` : ''}${d.severity ? ` ${CONTEXT_WORDS.avviso[ctx.lang]}` : ''}${lab(d.label)}: ${expr(d.cond, ctx, ind)}`;
    case 'fund': {
      const tier = d.paidName ? ` ${d.paidName.name}${lab(d.paidLabel)}` : '';
      const paid = withMeta(d.paidMeta ?? emptyMeta(), ctx, inner, `${kw(ctx, 'Pagato')}${tier}: ${expr(d.paid, ctx, inner)}`);
      return block(`${kw(ctx, 'Fondo')} ${name} = ${expr(d.amount, ctx, ind)}${d.allocation ? ` ${CONTEXT_WORDS.stanziati[ctx.lang]}` : ''}`, ind,
        [paid, ...(d.tiers ?? []).map((t) => paidTier(t, ctx, inner)), ...d.remainders.map((r) => remainder(r, ctx, inner))], d.meta);
    }
    case 'ties': {
      const keys = d.keys.map((k) => `${pathName([k.expr.name], ctx)} ${kw(ctx, k.dir === 'decrescente' ? 'Decrescente' : 'Crescente')}`);
      return `${kw(ctx, 'Parita')}: ${keys.join(ctx.sep)}`;
    }
    case 'report':
      return block(`${kw(ctx, 'Prospetto')} ${name}${d.per ? ` ${kw(ctx, 'Per')} ${d.per.name}` : ''}${d.across ? ` ${kw(ctx, 'E')} ${d.across.name}` : ''}`, ind, d.rows.map((r) => reportRow(r, ctx, inner)), d.meta);
    case 'example': {
      const tables = d.tables ?? [];
      const given = tables.filter((t) => !t.role.startsWith('expect'));
      const expected = tables.filter((t) => t.role.startsWith('expect'));
      const rows = [
        ...given.map((t) => exampleTable(t, ctx, inner)),
        ...d.given.map((a) => assign(a, 'Dato', ctx, inner)),
        ...d.expected.map((a) => assign(a, 'Atteso', ctx, inner)),
        ...expected.map((t) => exampleTable(t, ctx, inner)),
      ];
      const scope = d.variant ? ` ${kw(ctx, 'Variante')} ${d.variant.name}` : d.everyVariant ? ` ${kw(ctx, 'Ogni')} ${kw(ctx, 'Variante')}` : '';
      return block(`${kw(ctx, 'Esempio')} ${str(d.label)}${scope}`, ind, rows, d.meta);
    }
  }
}

/** ` arrotondando [per eccesso|per difetto] a 0 decimali` / ` rounding [upward|downward] to 0 decimals` (to nearest is the default, not written). */
function totalRounding(r: NonNullable<Extract<Decl, { kind: 'total' }>['rounding']>, ctx: Ctx): string {
  const mode = r.mode === 'eccesso' ? 'Eccesso' : r.mode === 'difetto' ? 'Difetto' : undefined;
  const how = mode ? ` ${ctx.lang === 'it' ? kw(ctx, 'Per', mode) : kw(ctx, mode)}` : '';
  return ` ${kw(ctx, 'Arrotondando')}${how} ${kw(ctx, 'A')} ${quantity(r.places, ctx)} ${ctx.lang === 'it' ? 'decimali' : 'decimals'}`;
}

/** A declaration at indentation `ind`, with its comments and meta. */
export function decl(d: Decl, ctx: Ctx, ind = ''): string[] {
  return withMeta(d.meta, ctx, ind, declBody(d, ctx, ind));
}
