// A generator of well-formed scheme texts in either keyword language, for property tests. It writes
// every compound sub-expression in parentheses (so any tree can come out), uses synonyms and alternative
// spellings, puts comments and `fonte`/`nota` wherever they may go, and lays tokens out with random
// whitespace: a placeholder between tokens becomes spaces, tabs or newlines.
import fc from 'fast-check';
import { FUNCTIONS, word, type KeywordName, type Lang } from '../../engine/syntax/keywords.ts';

const S = '\u0001'; // token gap, replaced by random whitespace
const GAPS = [' ', ' ', ' ', '\n', '  ', '\n    ', '\t', ' \n  '];

type Arb<T> = fc.Arbitrary<T>;
interface E {
  t: string;
  compound: boolean;
}

// names that are keywords or function names in neither language
export const NAMES = ['alfa', 'beta', 'gamma', 'delta', 'voto', 'orario', 'premio_base', 'città', 'ufficio2', '_tmp', 'x1', 'scoreX'];
// keywords that are not reserved, and function names: names wherever a name is written (not the unit's name,
// which may not be a type word)
const DOMAIN_WORDS: Record<Lang, string[]> = {
  it: ['fondo', 'peso', 'giorni', 'minimo', 'media', 'chiave', 'nota', 'fonte', 'resto', 'voce', 'punti', 'euro', 'max', 'quota', 'anno', 'eccesso', 'lista'],
  en: ['fund', 'weight', 'days', 'minimum', 'mean', 'key', 'note', 'source', 'remainder', 'unit', 'points', 'euro', 'max', 'share', 'year', 'upward', 'list'],
};

const join = (...parts: (string | undefined | false)[]): string => parts.filter((p): p is string => !!p).join(S);

function layout(text: string, seed: number): string {
  let s = seed >>> 0 || 1;
  return text.replace(/\u0001/g, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return GAPS[(s >>> 0) % GAPS.length];
  });
}

function strLit(value: string, oddEscapes: boolean): string {
  let s = value.replace(/[\\"]/g, '\\$&');
  if (oddEscapes) s = s.replace(/b/g, '\\b'); // `\b` reads as `b`
  return `"${s}"`;
}

/** The building blocks of one language: keywords, names, strings, numbers with units. */
function atoms(lang: Lang) {
  const K = (...n: KeywordName[]): string => n.map((x) => word(x, lang)).join(S);
  const oneOf = <T>(...xs: T[]): Arb<T> => fc.constantFrom(...xs);
  const name = oneOf(...NAMES, ...DOMAIN_WORDS[lang]);
  const unitName = oneOf(...NAMES);
  const sep = lang === 'it' ? oneOf(';') : oneOf(',', ';');
  const string = fc
    .tuple(fc.string({ unit: oneOf('a', 'b', 'z', ' ', '"', '\\', 'à', '→', '#', '€', ';', ',', '.', '1'), maxLength: 8 }), fc.boolean())
    .map(([v, odd]) => strLit(v, odd));
  const commentText = fc.string({ unit: oneOf('x', 'y', ' ', '#', '"', '→', '\t', 'à', '{'), maxLength: 10 });

  const digits = (min: number, max: number): Arb<string> => fc.string({ unit: oneOf(...'0123456789'), minLength: min, maxLength: max });
  const number = fc.record({ int: digits(1, 7), frac: fc.option(digits(1, 3), { nil: undefined }), group: fc.boolean() }).map(({ int, frac, group }) => {
    if (lang === 'en') return int + (frac ? '.' + frac : '');
    const i = group ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
    return i + (frac ? ',' + frac : '');
  });
  const unitWords = lang === 'it' ? ['punti', 'punto', 'giorni', 'giorno', 'mesi', 'mese', 'euro'] : ['points', 'point', 'days', 'day', 'months', 'month', 'euro'];
  const quantity = fc.tuple(number, fc.oneof(oneOf('', '%', '€', '€pre'), oneOf(...unitWords))).map(([n, u]) =>
    u === '' ? n : u === '€pre' ? join('€', n) : u === '%' ? n + '%' : join(n, u),
  );
  const signed = fc.tuple(fc.boolean(), quantity).map(([neg, q]) => (neg ? join('-', q) : q));

  return { lang, K, oneOf, name, unitName, sep, string, commentText, digits, quantity, signed };
}
type Atoms = ReturnType<typeof atoms>;
const UNIT_END = /(^|[\s\u0001])(punti|punto|giorni|giorno|mesi|mese|euro|points|point|days|day|months|month|ore|hours|hour)[\s\u0001]*$/;

function intervals({ K, oneOf, name, signed }: Atoms) {
  const upper = fc.oneof(signed.map((q) => join(K('Fino', 'A'), q)), signed.map((q) => join(K('A'), q)), signed.map((q) => join(K('Sotto'), q)));
  const interval = fc.oneof(
    fc.tuple(signed, fc.option(upper)).map(([lo, up]) => join(K('Oltre'), lo, up ?? undefined)),
    fc.tuple(signed, fc.option(upper)).map(([lo, up]) => join(K('Da'), lo, up ?? undefined)),
    upper,
    name,
    fc.constant(K('Altrimenti')),
    signed,
  );
  const arrow = oneOf('→', '->');

  return { interval, arrow };
}

/** Expressions, every compound sub-expression in parentheses. */
function expressions(a: Atoms): Arb<string> {
  const { lang, K, oneOf, name, sep, string, quantity, signed } = a;
  const { interval, arrow } = intervals(a);
  const { deco, node, inBlock, block } = decorations(a);
  const wrap = (e: E): string => (e.compound ? `(${S}${e.t}${S})` : e.t);
  const leaf: Arb<E> = fc
    .oneof(
      signed,
      string,
      oneOf(K('Vero'), K('Falso'), K('Totale'), K('Ammesso')),
      // a date literal, in either form (an impossible day is the checker's business)
      fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1000, max: 9999 }), fc.boolean())
        .map(([d, m, y, iso]) => join(K('TData'), iso ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${d}/${m}/${y}`)),
      fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => p.join(S + '.' + S)),
    )
    .map((t) => ({ t, compound: false }));
  const fnNames = Object.entries(FUNCTIONS).map(([it, f]) => (lang === 'it' ? it : f.en));
  const binOps = ['+', '-', '−', '*', '×', '/', '÷', '=', '==', '<>', '!=', '≠', '<', '<=', '≤', '>', '>=', '≥', K('E'), K('O')];

  const { expr } = fc.letrec<{ expr: E }>((tie) => {
    const sub = tie('expr');
    const list = (min: number) => fc.array(sub, { minLength: min, maxLength: 3 });
    const listText = (xs: E[], s: string): string => xs.map((x) => x.t).join(S + s + S);
    const c = (t: string): E => ({ t, compound: true });
    const p = (t: string): E => ({ t, compound: false });
    return {
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        sub.map((e) => p(`(${S}${e.t}${S})`)),
        sub.map((e) => c(join('-', wrap(e)))),
        sub.map((e) => c(join(K('Non'), wrap(e)))),
        // `5 giorni = x` at the end of a report row reads as a next row named `giorni`: the formatter brackets it, so must we
        fc.tuple(sub, oneOf(...binOps), sub).map(([l, op, r]) => c(join((op === '=' || op === '==') && UNIT_END.test(l.t) ? `(${S}${l.t}${S})` : wrap(l), op, wrap(r)))),
        fc.tuple(sub, sub, sub).map(([a, b, d]) => c(join(K('Se'), a.t, K('Allora'), b.t, K('Altrimenti'), d.t))),
        fc.tuple(fc.oneof(oneOf(...fnNames), oneOf('f_custom', 'g')), list(0), fc.option(sub), sep).map(([f, args, w, s]) =>
          p(join(f, '(', listText(args, s), args.length && w ? join(K('Dove'), w.t) : undefined, ')')),
        ),
        fc.tuple(sub, fc.boolean(), list(1), sep).map(([a, neg, set, s]) => c(join(wrap(a), neg ? K('Non') : undefined, K('In'), '(', listText(set, s), ')'))),
        fc.tuple(list(0), sep).map(([xs, s]) => p(join('[', listText(xs, s), ']'))),
        // rows with comments before them and after them (after their `;`, which every row but the last has)
        fc.tuple(sub, fc.array(fc.tuple(interval, arrow, sub, deco), { maxLength: 4 }), fc.boolean(), inBlock).map(([subj, rows, lastSemi, b]) =>
          c(block(join(K('Scala'), subj.t), rows.map(([iv, a, v, d], i) => node(join(iv, a, v.t, i < rows.length - 1 || lastSemi ? ';' : undefined), d, false)), b)),
        ),
        fc
          .record({
            share: quantity, by: sub, within: fc.option(name), among: fc.option(sub),
            mode: fc.option(oneOf<KeywordName>('Eccesso', 'Difetto', 'Vicino')),
          })
          .map((b) =>
            c(join(
              K('Migliori'), b.share, K('Per'), b.by.t, b.within ? join(K('Entro'), b.within) : undefined,
              b.among ? join(K('Tra'), b.among.t) : undefined, b.mode ? K('Arrotondando', 'Per', b.mode) : undefined,
            )),
          ),
      ),
    };
  });
  return expr.map((e) => e.t);
}

/** Leading comments, `fonte`/`nota` and a trailing comment around a node; comments inside a block. */
function decorations({ K, oneOf, string, commentText }: Atoms) {
  const deco = fc.record({
    comments: fc.array(commentText, { maxLength: 2 }),
    metas: fc.array(fc.tuple(oneOf<KeywordName>('Fonte', 'Nota'), string), { maxLength: 2 }),
    trailing: fc.option(commentText),
  });
  type Deco = { comments: string[]; metas: [KeywordName, string][]; trailing: string | null };
  const node = (body: string, d: Deco, metas = true): string =>
    d.comments.map((c) => `#${c}\n`).join('') +
    join(body, ...(metas ? d.metas.map(([k, s]) => join(K(k), s)) : [])) +
    (d.trailing !== null ? `${S}#${d.trailing}\n` : '');
  const withDeco = (body: Arb<string>, metas = true): Arb<string> => fc.tuple(body, deco).map(([b, d]) => node(b, d, metas));
  // a comment after a block's `{`, and comments after its last row, before its `}`
  const inBlock = fc.record({ open: fc.option(commentText), closing: fc.array(commentText, { maxLength: 2 }) });
  type InBlock = { open: string | null; closing: string[] };
  const block = (head: string, items: string[], b?: InBlock): string =>
    join(head, '{', b?.open != null ? `#${b.open}\n` : undefined, ...items, ...(b?.closing ?? []).map((c) => `#${c}\n`), '}');
  return { withDeco, deco, node, inBlock, block };
}

function fieldsOf(a: Atoms, withDeco: ReturnType<typeof decorations>["withDeco"], label: Arb<string | undefined>): Arb<string[]> {
  const { lang, K, oneOf, name, sep, signed } = a;
  const { type } = fc.letrec<{ type: string }>((tie) => ({
    type: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(oneOf<KeywordName>('TPunti', 'TEuro', 'TPercentuale', 'TGiorni', 'TMesi', 'TNumero', 'TIntero'), fc.option(fc.tuple(signed, signed)))
        .map(([u, r]) => join(K(u), r ? join(K('Da'), r[0], K('A'), r[1]) : undefined)),
      oneOf(K('TSiNo'), K('TTesto'), K('TData'), lang === 'it' ? 'si_no' : K('TSiNo')),
      fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), sep).map(([vs, s]) => join(K('UnoTra'), '(', vs.join(S + s + S), ')')),
      tie('type').map((t) => join(K('Lista', 'Di'), t)),
      name,
    ),
  }));
  const field = withDeco(fc.tuple(name, type, fc.boolean(), label).map(([n, t, key, l]) => join(n, ':', t, key ? K('Chiave') : undefined, l)));
  return fc.array(field, { maxLength: 3 });

}

function declarations(a: Atoms): Arb<string> {
  const { lang, K, oneOf, name, sep, string, quantity, signed } = a;
  const ex = expressions(a);
  const { interval, arrow } = intervals(a);
  const { withDeco, inBlock, block } = decorations(a);
  const label = fc.option(string, { nil: undefined });
  const level = fc.oneof(fc.constant(K('Ente')), fc.constant(K('Persona')), name);
  const fields = fieldsOf(a, withDeco, label);
  const item = fc
    .record({ n: name, l: label, max: signed, w: fc.option(quantity), clamp: fc.boolean(), e: ex })
    .map((x) => join(K('Voce'), x.n, x.l, K('Max'), x.max, x.w ? join(K('Peso'), x.w) : undefined, x.clamp ? K('Limitata') : undefined, '=', x.e));
  const bandRow = withDeco(fc.tuple(name, label, interval, arrow, ex, fc.boolean()).map(([n, l, iv, a, e, semi]) => join(n, l, iv, a, e, semi ? ';' : undefined)));
  const remainder = withDeco(fc.tuple(name, label, ex).map(([n, l, e]) => join(K('Resto'), n, l, ':', e)));
  const reportRow = withDeco(fc.tuple(name, label, ex).map(([n, l, e]) => join(n, l, '=', e)));
  const path = fc.oneof(fc.constant(K('Totale')), fc.constant(K('Ammesso')), fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => p.join(S + '.' + S)));
  const assign = withDeco(fc.tuple(oneOf<KeywordName>('Dato', 'Atteso'), path, ex).map(([k, p, e]) => join(K(k), p, '=', e)));
  const tiesKey = fc.tuple(fc.oneof(name, fc.constant(K('Totale'))), fc.option(oneOf<KeywordName>('Crescente', 'Decrescente')))
    .map(([k, d]) => join(k, d ? K(d) : undefined));

  return withDeco(
    fc.oneof(
      fc.tuple(oneOf(K('Unita'), lang === 'it' ? 'unita' : K('Unita')), a.unitName, label).map(([k, n, l]) => join(k, n, l)),
      name.map((n) => join(K('Usa'), n)),
      fc.tuple(level, fields, inBlock).map(([lv, fs, b]) => block(join(K('Dati'), lv), fs, b)),
      fc.tuple(name, level, label, fields, inBlock).map(([n, lv, l, fs, b]) => block(join(K('Tabella'), n, K('Per'), lv, l), fs, b)),
      fc.tuple(name, fc.option(level), label, ex).map(([n, lv, l, e]) => join(K('Calcola'), n, lv ? join(K('Per'), lv) : undefined, l, '=', e)),
      fc.tuple(signed, fc.option(signed)).map(([mx, mn]) => join(K('Totale', 'Max'), mx, mn ? join(K('Minimo'), mn) : undefined)),
      fc.tuple(name, label, quantity, fc.array(withDeco(item), { maxLength: 3 }), inBlock).map(([n, l, q, its, b]) => block(join(K('Sezione'), n, l, K('Max'), q), its, b)),
      item,
      fc.tuple(name, label, ex, fc.option(ex)).map(([n, l, c, w]) => join(K('Requisito'), n, l, ':', c, w ? join(K('Salvo'), w) : undefined)),
      fc.tuple(name, label, fc.option(quantity), ex).map(([n, l, q, e]) => join(K('Penalita'), n, l, q ? join(K('Max'), q) : undefined, '=', e)),
      fc.tuple(name, label, ex).map(([n, l, e]) => join(K('Riduzione'), n, l, '=', e)),
      fc.tuple(name, label, ex, fc.array(bandRow, { maxLength: 3 }), inBlock).map(([n, l, e, rs, b]) => block(join(K('Fasce'), n, l, K('Su'), e), rs, b)),
      fc.tuple(label, ex).map(([l, e]) => join(K('Vincolo'), l, ':', e)),
      fc.tuple(name, label, ex, withDeco(ex.map((pd) => join(K('Pagato'), ':', pd)), false), fc.array(remainder, { maxLength: 2 }), inBlock).map(([n, l, a, pd, rs, b]) =>
        block(join(K('Fondo'), n, l, '=', a), [pd, ...rs], { ...b, open: null })),
      fc.tuple(fc.array(tiesKey, { minLength: 1, maxLength: 3 }), sep).map(([ks, s]) => join(K('Parita'), ':', ks.join(S + s + S))),
      fc.tuple(name, label, fc.array(reportRow, { maxLength: 3 }), inBlock).map(([n, l, rs, b]) => block(join(K('Prospetto'), n, l), rs, b)),
      fc.tuple(string, fc.array(assign, { maxLength: 3 }), inBlock).map(([l, as, b]) => block(join(K('Esempio'), l), as, b)),
    ),
  );

}

/** A whole scheme text in `lang`. */
export function schemeText(lang: Lang): Arb<string> {
  const a = atoms(lang);
  const { K, oneOf, name, string, commentText, digits } = a;
  const { withDeco } = decorations(a);
  const decl = declarations(a);
  const label = fc.option(string, { nil: undefined });
  const headerMeta = fc.tuple(oneOf<KeywordName>('Fonte', 'Nota'), string).map(([k, s]) => join(K(k), s));
  const entity = withDeco(string.map((s) => join(K('Ente'), s)), false);
  const header = fc
    .record({
      n: name, title: label, year: digits(4, 4), statesLang: fc.boolean(), before: fc.array(headerMeta, { maxLength: 2 }),
      entity: fc.option(entity), after: fc.array(headerMeta, { maxLength: 2 }), trailing: fc.option(commentText),
    })
    .map((h) => join(
      K('Scheda'), h.n, h.title, K('Anno'), h.year, h.statesLang ? join(K('Lingua'), lang) : undefined,
      // a comment that ends the header line
      h.trailing !== null && !h.before.length && !h.entity && !h.after.length ? `#${h.trailing}\n` : undefined,
      ...h.before, h.entity ?? undefined, ...h.after,
    ));
  const comments = fc.array(commentText.map((c) => `#${c}\n`), { maxLength: 2 });
  return fc
    .tuple(comments, header, fc.array(decl, { maxLength: 6 }), comments, fc.nat())
    .map(([pre, h, ds, post, seed]) => layout(pre.join('') + join(h, ...ds) + S + post.join(''), seed));
}
