// Printing expressions, quantities, intervals and strings in either keyword language, with the fewest
// parentheses that keep the tree: precedence if < or < and < not < comparison/in < +,- < *,/ < unary minus.
import { chainLevel, type ChainOp, type Expr, type Interval, type Quantity, type ScaleRow, type UnitSplit } from '../syntax/ast.ts';
import { functionByWord, functionWord, word, type KeywordName, type Lang } from '../syntax/keywords.ts';
import { printNumber } from '../syntax/numbers.ts';
import { YEAR_VALUES, yearValueByWord } from '../syntax/dates.ts';
import { dateText } from './dates.ts';

export interface Ctx {
  src: Lang; // the language the tree was read in (call names are stored as written)
  lang: Lang; // the language to print
  sep: string; // separator between arguments, list items, enum values, ties keys
  declared?: Set<string>; // the names the scheme declares: `anno` is the scheme's year only where no name is so called
}

export function makeCtx(src: Lang, lang: Lang): Ctx {
  return { src, lang, sep: lang === 'it' ? '; ' : ', ' };
}

export const kw = (ctx: Ctx, ...names: KeywordName[]): string => names.map((n) => word(n, ctx.lang)).join(' ');

export function str(s: string): string {
  return '"' + s.replace(/[\\"]/g, '\\$&') + '"';
}

/** ` "label"` or nothing. */
export function lab(label: string | undefined): string {
  return label === undefined ? '' : ' ' + str(label);
}

const UNIT_WORD: Partial<Record<string, KeywordName>> = { punti: 'TPunti', giorni: 'TGiorni', mesi: 'TMesi', ore: 'TOre' };

export function quantity(q: Quantity, ctx: Ctx): string {
  const n = printNumber(q.text, ctx.lang, q.unit === 'euro');
  if (q.unit === 'percentuale') return n + '%';
  if (q.unit === 'euro') return n + ' €';
  const u = q.unit ? UNIT_WORD[q.unit] : undefined;
  return u ? `${n} ${word(u, ctx.lang)}` : n;
}

// ---- precedence ----

const P_IF = 0, P_OR = 1, P_AND = 2, P_NOT = 3, P_CMP = 4, P_ADD = 5, P_MUL = 6, P_NEG = 7, P_PRIMARY = 8;

function prec(e: Expr): number {
  switch (e.kind) {
    case 'if':
      return P_IF;
    case 'let': // its body reaches as far as it can: bracketed inside an operator
      return P_IF;
    case 'best': // a primary, but its last clause reads as if it took the operator that follows: bracket it
      return P_IF;
    case 'call': // `ripartisci(…) tra settore secondo w`: its weight would take the operator that follows
      return e.units ? P_IF : P_PRIMARY;
    case 'binary':
      return P_CMP;
    case 'chain':
      return opPrec(e.ops[0]);
    case 'in':
      return P_CMP;
    case 'unary':
      return e.op === 'non' ? P_NOT : P_NEG;
    case 'quantity':
      return e.text.startsWith('-') ? P_NEG : P_PRIMARY;
    default:
      return P_PRIMARY;
  }
}

function opPrec(op: ChainOp): number {
  const level = chainLevel(op);
  return level === 'or' ? P_OR : level === 'and' ? P_AND : level === 'add' ? P_ADD : P_MUL;
}

/** Prints `e` where the grammar expects a term of level `min`, in parentheses when it binds more loosely. */
function operand(e: Expr, min: number, ctx: Ctx, ind: string): string {
  const s = expr(e, ctx, ind);
  return prec(e) < min ? `(${s})` : s;
}

// comparisons do not chain: both sides are additive terms
function binary(e: Extract<Expr, { kind: 'binary' }>, ctx: Ctx, ind: string): string {
  let left = operand(e.left, P_ADD, ctx, ind);
  // `5 giorni = x` at the end of a report row reads as the row's end and a next row named `giorni`
  if (e.op === '=' && Object.values(UNIT_WORD).some((u) => left.endsWith(' ' + word(u!, ctx.lang)))) left = `(${left})`;
  return `${left} ${e.op} ${operand(e.right, P_ADD, ctx, ind)}`;
}

// left-associative: an operand after the first binds tighter than the chain's level, or is bracketed
function chain(e: Extract<Expr, { kind: 'chain' }>, ctx: Ctx, ind: string): string {
  const p = opPrec(e.ops[0]);
  const parts = [operand(e.args[0], p, ctx, ind)];
  for (let i = 1; i < e.args.length; i++) {
    const op = e.ops[i - 1];
    parts.push(op === 'e' ? kw(ctx, 'E') : op === 'o' ? kw(ctx, 'O') : op, operand(e.args[i], p + 1, ctx, ind));
  }
  return parts.join(' ');
}

function unary(e: Extract<Expr, { kind: 'unary' }>, ctx: Ctx, ind: string): string {
  if (e.op === 'non') return `${kw(ctx, 'Non')} ${operand(e.arg, P_NOT, ctx, ind)}`;
  const arg = operand(e.arg, P_NEG, ctx, ind);
  return arg.startsWith('-') ? `- ${arg}` : `-${arg}`;
}

function call(e: Extract<Expr, { kind: 'call' }>, ctx: Ctx, ind: string): string {
  const f = functionByWord(e.fn.name, ctx.src);
  const name = f ? functionWord(f, ctx.lang) : e.fn.name;
  const args = e.args.map((a) => expr(a, ctx, ind)).join(ctx.sep);
  const where = e.where ? `${args ? ' ' : ''}${kw(ctx, 'Dove')} ${expr(e.where, ctx, ind)}` : '';
  // the value over no rows: `altrimenti` / `otherwise` (read as `else` too)
  const otherwise = e.otherwise ? `${ctx.sep}${ctx.lang === 'it' ? kw(ctx, 'Altrimenti') : 'otherwise'} ${expr(e.otherwise, ctx, ind)}` : '';
  return `${name}(${args}${where}${otherwise})${e.units ? unitSplit(e.units, ctx, ind) : ''}`;
}

/** ` tra settore secondo w parità ordine` / ` among unit by w ties order` (allocation among units). */
function unitSplit(u: UnitSplit, ctx: Ctx, ind: string): string {
  let s = ` ${kw(ctx, 'Tra')} ${u.unit.name} ${kw(ctx, 'By')} ${expr(u.weight, ctx, ind)}`;
  if (u.ties?.kind === 'order') s += ` ${kw(ctx, 'Parita')} ${ctx.lang === 'it' ? 'ordine' : 'order'}`;
  else if (u.ties?.kind === 'by') s += ` ${kw(ctx, 'Parita')} ${kw(ctx, 'By')} ${u.ties.key.name} ${kw(ctx, u.ties.dir === 'decrescente' ? 'Decrescente' : 'Crescente')}`;
  return s;
}

function best(e: Extract<Expr, { kind: 'best' }>, ctx: Ctx, ind: string): string {
  // the rounding is always written: it closes the expression, whose `by` and `among` then need no brackets
  const mode: KeywordName = e.rounding === 'eccesso' ? 'Eccesso' : e.rounding === 'vicino' ? 'Vicino' : 'Difetto';
  let s = `${kw(ctx, 'Migliori')} ${quantity(e.share, ctx)} ${kw(ctx, ctx.lang === 'it' ? 'Per' : 'By')} ${expr(e.by, ctx, ind)}`;
  if (e.within) s += ` ${kw(ctx, 'Entro')} ${e.within.name}`;
  if (e.among) s += ` ${kw(ctx, 'Tra')} ${expr(e.among, ctx, ind)}`;
  return ctx.lang === 'it' ? `${s} ${kw(ctx, 'Arrotondando', 'Per', mode)}` : `${s} ${kw(ctx, 'Arrotondando', mode)}`;
}

export function interval(iv: Interval, ctx: Ctx): string {
  if (iv.kind === 'label') return iv.label.name;
  if (iv.kind === 'otherwise') return kw(ctx, 'Altrimenti');
  const { lo, hi } = iv;
  if (lo && hi && iv.loIncl && iv.hiIncl && lo.text === hi.text && lo.unit === hi.unit) return quantity(lo, ctx);
  const parts: string[] = [];
  if (lo) parts.push(`${kw(ctx, iv.loIncl ? 'Da' : 'Oltre')} ${quantity(lo, ctx)}`);
  if (hi) {
    const upto: KeywordName[] = !iv.hiIncl ? ['Sotto'] : lo && iv.loIncl ? ['A'] : ['Fino', 'A'];
    parts.push(`${kw(ctx, ...upto)} ${quantity(hi, ctx)}`);
  }
  return parts.length ? parts.join(' ') : kw(ctx, 'Altrimenti');
}

/** `interval → value` (for bands: `name "label" interval → value`). */
export function row(r: ScaleRow, ctx: Ctx, ind: string): string {
  const head = r.name ? `${r.name.name}${lab(r.label)} ` : '';
  return `${head}${interval(r.when, ctx)} → ${expr(r.value, ctx, ind)}`;
}

function scale(e: Extract<Expr, { kind: 'scale' }>, ctx: Ctx, ind: string): string {
  const head = `${kw(ctx, 'Scala')} ${expr(e.subject, ctx, ind)}`;
  const closing = e.closing ?? [];
  if (e.rows.length === 0 && closing.length === 0 && e.open === undefined) return `${head} {}`;
  const open = e.open !== undefined ? '  ' + comment(e.open) : '';
  const inner = ind + '  ';
  const rows = e.rows.map((r) => row(r, ctx, inner));
  const lines: string[] = [];
  rows.forEach((text, i) => {
    const m = e.rows[i].meta;
    lines.push(...m.comments.map((c) => inner + comment(c)));
    // a row that starts with a minus would continue the previous row's value: end that row with `;`
    const own = (inner + text + (rows[i + 1]?.startsWith('-') ? ';' : '')).split('\n');
    if (m.headTrailing !== undefined) own[0] += '  ' + comment(m.headTrailing);
    if (m.trailing !== undefined) own[own.length - 1] += '  ' + comment(m.trailing);
    lines.push(...own);
  });
  lines.push(...closing.map((c) => inner + comment(c)));
  return `${head} {${open}\n${lines.join('\n')}\n${ind}}`;
}

export const comment = (text: string): string => (text ? `# ${text}` : '#');

/** Prints an expression; `ind` is the indentation of the line it starts on (for multi-line scales). */
export function expr(e: Expr, ctx: Ctx, ind = ''): string {
  switch (e.kind) {
    case 'quantity':
      return quantity(e, ctx);
    case 'string':
      return str(e.value);
    case 'bool':
      return kw(ctx, e.value ? 'Vero' : 'Falso');
    case 'date':
      return dateText(e, ctx);
    case 'ref':
      if (e.path.length === 1) {
        const y = yearValueByWord(e.path[0].name, ctx.src);
        if (y && !ctx.declared?.has(e.path[0].name)) return YEAR_VALUES[y][ctx.lang];
      }
      // a used scheme's built-ins (comparto.totale) are keywords of the language
      return e.path.map((p, i) => (i > 0 && p.name === 'totale' ? kw(ctx, 'Totale') : i > 0 && p.name === 'ammesso' ? kw(ctx, 'Ammesso') : p.name)).join('.');
    case 'builtin':
      return kw(ctx, e.name === 'totale' ? 'Totale' : 'Ammesso');
    case 'unary':
      return unary(e, ctx, ind);
    case 'binary':
      return binary(e, ctx, ind);
    case 'chain':
      return chain(e, ctx, ind);
    case 'if': {
      const branches = e.branches.map((b) => `${kw(ctx, 'Se')} ${expr(b.cond, ctx, ind)} ${kw(ctx, 'Allora')} ${expr(b.then, ctx, ind)}`);
      return `${branches.join(` ${kw(ctx, 'Altrimenti')} `)} ${kw(ctx, 'Altrimenti')} ${expr(e.else, ctx, ind)}`;
    }
    case 'call':
      return call(e, ctx, ind);
    case 'in': {
      const not = e.negated ? kw(ctx, 'Non') + ' ' : '';
      if (e.setName) return `${operand(e.arg, P_ADD, ctx, ind)} ${not}${kw(ctx, 'In')} ${e.setName.name}`;
      return `${operand(e.arg, P_ADD, ctx, ind)} ${not}${kw(ctx, 'In')} (${e.set.map((x) => expr(x, ctx, ind)).join(ctx.sep)})`;
    }
    case 'lookup':
      return `${e.table.name}[${expr(e.key, ctx, ind)}].${e.column.name}`;
    case 'list':
      return `[${e.items.map((x) => expr(x, ctx, ind)).join(ctx.sep)}]`;
    case 'scale':
      return scale(e, ctx, ind);
    case 'best':
      return best(e, ctx, ind);
    case 'let':
      return letExpr(e, ctx, ind);
  }
}

/**
 * The right-hand side of a declaration, after its `=` or `:`: a space and the expression, or, when the
 * expression opens with a local name, a line break first, so that every `sia` starts its own line
 * (`calcola premio =` / `  sia pieno = …;` / `  …`), as the README writes it.
 */
export function rhs(e: Expr, ctx: Ctx, ind: string): string {
  return e.kind === 'let' ? `\n${ind}  ${letExpr(e, ctx, ind)}` : ` ${expr(e, ctx, ind)}`;
}

/** `sia x = valore;` on its own line, then the body (a further `sia`, or the value) on the next, indented. */
function letExpr(e: Extract<Expr, { kind: 'let' }>, ctx: Ctx, ind: string): string {
  const inner = ind + '  ';
  const value = e.value.kind === 'let' ? `(${expr(e.value, ctx, inner)})` : expr(e.value, ctx, inner);
  return `${kw(ctx, 'Sia')} ${e.name.name} = ${value}${ctx.sep.trimEnd()}\n${inner}${expr(e.body, ctx, ind)}`;
}
