// `scheda diff OLD NEW --data DIR [--json] [--out OUT]`: both versions run on the same data; the public
// impact (aggregates under disclosure control) on stdout and in OUT/impact.html, the persons who change
// in OUT/impact-private.html and OUT/impact-private.json only.
import { loadBundles } from '../pipeline.ts';
import { runYear, type SchemeRun } from '../run/year.ts';
import { describeEvalError } from '../run/year.ts';
import { OutputFolder } from '../cli/output.ts';
import { renderDiagnostic } from '../diagnostics/render.ts';
import type { Change } from './diff.ts';
import { impactOf, type Impact } from './impact.ts';
import { impactHtml, impactPrivateHtml } from './impact-html.ts';
import { existsSync } from 'node:fs';

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

/** Runs one version of the rules (a folder, or a file with its siblings) on the data; undefined after printing why not. */
export async function runVersion(path: string, data: string): Promise<Map<string, SchemeRun> | undefined> {
  const bundles = loadBundles([path]);
  if (bundles.length !== 1) {
    out(`scheda: «${path}»: indica la cartella di un solo anno / give one year's folder`);
    return undefined;
  }
  const { bundle } = bundles[0];
  if (!bundle.ok) {
    for (const d of bundle.diagnostics.filter((x) => x.severity === 'error')) {
      const src = [...bundle.sources.values()].find((s) => s.file === d.file);
      out(renderDiagnostic(d, src?.text ?? ''));
    }
    return undefined;
  }
  const r = await runYear(bundle.irs, bundle.checked!.order, data);
  if (!r.ok) {
    for (const e of r.dataErrors) out(`${data}/${e.file}${e.line ? `:${e.line}` : ''}${e.column ? ` («${e.column}»)` : ''}: ${e.message}`);
    for (const p of r.problems) out(`${path}: ${p.scheme}${p.line ? `:${p.line}` : ''}: ${p.person ? `${p.person}: ` : ''}${p.rule ? `«${p.rule}»: ` : ''}${p.message}`);
    return undefined;
  }
  void describeEvalError;
  return r.runs;
}

export function impactText(im: Impact, lang: 'it' | 'en'): string[] {
  const it = lang === 'it';
  const lines: string[] = [];
  for (const s of im.schemes) {
    lines.push(`${s.scheme}: ${it ? 'pagato' : 'paid'} ${s.old.paid} → ${s.new.paid} € (${s.delta.startsWith('-') ? '' : '+'}${s.delta} €)`);
    for (const f of s.funds) lines.push(`  ${it ? 'fondo' : 'fund'} ${f.label ?? f.fund}: ${f.old?.paid ?? '—'} → ${f.new?.paid ?? '—'} € (${it ? 'resti' : 'remainders'} ${f.old?.remainders ?? '—'} → ${f.new?.remainders ?? '—'} €)`);
    lines.push(`  ${it ? 'ammessi' : 'eligible'} ${s.old.eligible} → ${s.new.eligible}; ${it ? 'diventano ammessi' : 'become eligible'} ${s.eligibility.gained}, ${it ? 'non più ammessi' : 'no longer eligible'} ${s.eligibility.lost}`);
    lines.push(`  ${it ? 'guadagnano' : 'gain'} ${s.pay.gain} (${s.pay.gains} €), ${it ? 'perdono' : 'lose'} ${s.pay.loss} (${s.pay.losses} €), ${it ? 'invariati' : 'unchanged'} ${s.pay.same}`);
    for (const b of s.bands) lines.push(`  ${it ? 'fasce' : 'bands'} ${b.label ?? b.bands}: ${it ? 'cambiano' : 'move'} ${b.moved} (${it ? 'salgono' : 'up'} ${b.up}, ${it ? 'scendono' : 'down'} ${b.down})`);
    for (const p of s.penalties) lines.push(`  ${it ? 'penalità' : 'penalty'} ${p.label ?? p.penalty}: ${it ? 'cambia per' : 'changes for'} ${p.changed} (${it ? 'aumenta' : 'more'} ${p.more}, ${it ? 'diminuisce' : 'less'} ${p.less})`);
  }
  return lines;
}

export async function cmdImpact(oldPath: string, newPath: string, changes: Change[], o: { data: string; out?: string; json: boolean; lang: 'it' | 'en' }): Promise<number> {
  if (!existsSync(o.data)) {
    out(`scheda: «${o.data}» non esiste / does not exist`);
    return 2;
  }
  const folder = o.out !== undefined ? OutputFolder.open(o.out, { inputs: [oldPath, newPath, o.data] }) : undefined;
  try {
    const a = await runVersion(oldPath, o.data);
    if (!a) return 1;
    const b = await runVersion(newPath, o.data);
    if (!b) return 1;
    const im = impactOf(a, b);
    if (folder) {
      const meta = { old: oldPath, new: newPath, data: o.data };
      folder.write([
        ['impact.html', impactHtml(im, changes, meta, o.lang)],
        ['impact.json', JSON.stringify({ schemes: im.schemes, changes }, null, 2) + '\n'],
        ['impact-private.html', impactPrivateHtml(im, meta, o.lang)],
        ['impact-private.json', JSON.stringify({ riservato: true, persons: im.persons }, null, 2) + '\n'],
      ]);
    }
    if (o.json) out(JSON.stringify({ schemes: im.schemes, changes }, null, 2));
    else {
      for (const l of impactText(im, o.lang)) out(l);
      if (o.out) out(o.lang === 'it' ? `rapporto in ${o.out}/impact.html (pubblico) e ${o.out}/impact-private.html (riservato)` : `report in ${o.out}/impact.html (public) and ${o.out}/impact-private.html (private)`);
    }
    return 0;
  } finally {
    folder?.release();
  }
}
