// The formatter: prints a scheme's AST in its canonical layout, in either keyword language.
//
// Layout: comments before the header, the header line (always stating the language), then indented
// under it the entity and the scheme's `fonte`/`nota`; a blank line; the declarations, one per line or
// block. Between two declarations there is a blank line unless both are of the same kind and each takes
// a single line. Blocks indent by two spaces; `fonte`/`nota` go on their own lines, indented under the
// node they belong to. Comments after the last declaration close the file, after a blank line.
import type { Decl, SchemeFile } from '../syntax/ast.ts';
import type { Lang } from '../syntax/keywords.ts';
import { comment, decl, metaLines, withMeta } from './decl.ts';
import { kw, makeCtx, quantity, str, type Ctx } from './expr.ts';
import { declaredNames } from './dates.ts';

function header(ast: SchemeFile, ctx: Ctx): string[] {
  const title = ast.title === undefined ? '' : ' ' + str(ast.title);
  const year = quantity({ ...ast.year, unit: null }, ctx);
  const line = `${kw(ctx, 'Scheda')} ${ast.name.name}${title} ${kw(ctx, 'Anno')} ${year} ${kw(ctx, 'Lingua')} ${ctx.lang}`
    + (ast.meta.trailing !== undefined ? '  ' + comment(ast.meta.trailing) : '');
  const entities = ast.decls.filter((d) => d.kind === 'entity').flatMap((d) => withMeta(d.meta, ctx, '  ', `${kw(ctx, 'Ente')} ${str(d.name)}`));
  return [...ast.meta.comments.map(comment), line, ...entities, ...metaLines(ast.meta, ctx, '  ')];
}

/** Lines of the declaration itself, leading comments left out. */
const ownLines = (d: Decl, lines: string[]): number => lines.length - d.meta.comments.length;

export function format(ast: SchemeFile, lang: Lang = ast.lang): string {
  const ctx = { ...makeCtx(ast.lang, lang), declared: declaredNames(ast) };
  const out = header(ast, ctx);
  let prev: { d: Decl; lines: string[] } | undefined;
  for (const d of ast.decls) {
    if (d.kind === 'entity') continue; // part of the header
    const lines = decl(d, ctx);
    const blank = !prev || prev.d.kind !== d.kind || ownLines(prev.d, prev.lines) > 1 || ownLines(d, lines) > 1;
    if (blank) out.push('');
    out.push(...lines);
    prev = { d, lines };
  }
  if (ast.trailingComments.length) out.push('', ...ast.trailingComments.map(comment));
  return out.join('\n') + '\n';
}
