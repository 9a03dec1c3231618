// report.html: the published tables in Italian with inline SVG charts, aggregate only. Every count
// below the suppression threshold is shown as «<3». No scripts, no external resources.
import { twoWayHtml } from './two-way.ts';
import { WITHHELD, type ReportJson } from './tables.ts';
import { D } from '../run/decimal.ts';
import { itNumber } from './values.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
// a withheld figure (or an empty one) is shown as it is, never parsed
const euro = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? `${itNumber(new D(s), 2)} €` : esc(s));
const num = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? esc(itNumber(new D(s))) : esc(s));
const PALETTE = ['#1b4965', '#5fa8d3', '#62b6cb', '#bee9e8', '#cae9ff', '#ffb703', '#fb8500', '#8ecae6'];

function histogramSvg(r: ReportJson): string {
  const bins = r.statistiche.distribuzione_punteggi;
  if (!bins.length) return '';
  const w = 560, h = 220, pad = 36, bw = (w - pad * 2) / bins.length;
  const counts = bins.map((b) => (typeof b.persone === 'number' ? b.persone : 0));
  const max = Math.max(1, ...counts);
  const bars = bins.map((b, i) => {
    const n = counts[i];
    const bh = ((h - pad * 2) * n) / max;
    const x = pad + i * bw, y = h - pad - bh;
    const label = typeof b.persone === 'number' ? String(b.persone) : b.persone;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${PALETTE[0]}"><title>${esc(b.da)}–${esc(b.a)}: ${esc(label)}</title></rect>` +
      `<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="10" text-anchor="middle">${esc(label)}</text>` +
      `<text x="${(x + bw / 2).toFixed(1)}" y="${h - pad + 14}" font-size="9" text-anchor="middle">${esc(itNumber(new D(b.da)))}</text>`;
  });
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Distribuzione dei punteggi">` +
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#333"/>${bars.join('')}</svg>` +
    `<figcaption>Distribuzione dei punteggi delle sole persone ammesse (classi di ampiezza uguale; «${WITHHELD}»: classe non pubblicata per riservatezza).</figcaption></figure>`;
}

function bandsSvg(b: ReportJson['statistiche']['fasce'][number]): string {
  const units = Object.keys(b.per_unita);
  const names = Object.keys(b.conteggi);
  if (!units.length) return '';
  const rowH = 20, w = 620, left = 90, h = units.length * rowH + 50;
  const num = (v: number | string) => (typeof v === 'number' ? v : 0);
  const max = units.reduce((m, u) => Math.max(m, names.reduce((s, n) => s + num(b.per_unita[u][n]), 0)), 1);
  const rows = units.map((u, i) => {
    let x = left;
    const segs = names.map((n, j) => {
      const c = num(b.per_unita[u][n]);
      const sw = ((w - left - 20) * c) / max;
      const seg = c ? `<rect x="${x.toFixed(1)}" y="${i * rowH + 10}" width="${sw.toFixed(1)}" height="${rowH - 4}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(u)} · ${esc(n)}: ${c}</title></rect>` : '';
      x += sw;
      return seg;
    });
    return `<text x="${left - 6}" y="${i * rowH + 24}" font-size="11" text-anchor="end">${esc(u)}</text>${segs.join('')}`;
  });
  const legend = names.map((n, j) => `<rect x="${left + j * 110}" y="${h - 22}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/><text x="${left + j * 110 + 14}" y="${h - 13}" font-size="11">${esc(n)}</text>`);
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Persone per fascia e unità">${rows.join('')}${legend.join('')}</svg>` +
    `<figcaption>Persone per fascia in ogni unità (${esc(b.titolo ?? b.nome)}; ${esc(b.conta)}); le celle non pubblicate per riservatezza non sono disegnate.</figcaption></figure>`;
}

function bandsTable(b: ReportJson['statistiche']['fasce'][number]): string {
  const names = Object.keys(b.conteggi);
  const head = `<tr><th>Unità</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr>`;
  const rows = Object.entries(b.per_unita).map(([u, c]) => `<tr><td>${esc(u)}</td>${names.map((n) => `<td class="n">${esc(c[n])}</td>`).join('')}</tr>`);
  const tot = `<tr class="tot"><td>Totale</td>${names.map((n) => `<td class="n">${esc(b.conteggi[n])}</td>`).join('')}</tr>`;
  return `<table><caption>${esc(b.titolo ?? b.nome)}: persone per fascia (${esc(b.conta)})</caption>${head}${rows.join('')}${tot}</table>`;
}

function scores(p: NonNullable<ReportJson['statistiche']['punteggio']>): string {
  const parts = [['minimo', p.minimo], ['medio', p.medio], ['massimo', p.massimo]].filter(([, v]) => v).map(([k, v]) => `${k} ${num(v)}`);
  return parts.length ? `Punteggio (persone ammesse): ${parts.join(', ')}.` : '';
}

/** Which cells were withheld and why (never their values). */
function withheld(r: ReportJson): string {
  if (!r.soppressioni.length) return '';
  return `<h2>Dati non pubblicati</h2><p>«${WITHHELD}» indica un dato non pubblicato a tutela della riservatezza: riferito a meno di 3 persone, ` +
    `oppure tale che, insieme ai totali e agli altri dati pubblicati, permetterebbe di ricavarne uno (soppressione complementare). ` +
    `Nessun dato non pubblicato si può ricavare da quelli pubblicati: lo verifica un controllo automatico prima della pubblicazione.</p>` +
    `<ul>${r.soppressioni.map((x) => `<li>${esc(x.descrizione)}: ${esc(x.motivo)}</li>`).join('')}</ul>`;
}

export function reportHtml(r: ReportJson): string {
  const prospetti = r.prospetti.map((p) => p.due_entrate ? twoWayHtml(p.titolo ?? p.nome, p.due_entrate) : p.tabella
    ? `<div class="wide"><table><caption>${esc(p.titolo ?? p.nome)}</caption><tr>${p.colonne!.map((c) => `<th>${esc(c.etichetta ?? c.nome)}</th>`).join('')}</tr>` +
      p.tabella.map((row) => `<tr>${row.testi.map((t, i) => `<td${p.colonne![i].unita ? ' class="n"' : ''}>${esc(t)}</td>`).join('')}</tr>`).join('') + '</table></div>'
    : `<table><caption>${esc(p.titolo ?? p.nome)}</caption>` +
      p.righe.map((x) => `<tr><td>${esc(x.etichetta ?? x.nome)}</td><td class="n">${esc(x.testo)}</td></tr>`).join('') + '</table>').join('\n');
  const dist = (d: ReportJson['funds'][number]['distribuzione']) => !d ? '' :
    `<tr><td>Beneficiari</td><td class="n">${esc(d.beneficiari)}</td></tr>` +
    (d.minimo ? `<tr><td>Importo minimo / medio / massimo</td><td class="n">${euro(d.minimo)} / ${euro(d.medio)} / ${euro(d.massimo)}</td></tr>`
      : d.medio ? `<tr><td>Importo medio</td><td class="n">${euro(d.medio)}</td></tr>` : '') +
    (d.gini ? `<tr><td>Indice di concentrazione (Gini: 0 = tutti uguali)</td><td class="n">${num(d.gini)}</td></tr>` : '');
  const funds = r.funds.map((f) => `<table><caption>Fondo: ${esc(f.label ?? f.name)}</caption>` +
    `<tr><td>Stanziato</td><td class="n">${euro(f.amount)}</td></tr><tr><td>Erogato</td><td class="n">${euro(f.paid)}</td></tr>` +
    Object.entries(f.tiers ?? {}).map(([k, v]) => `<tr><td>&nbsp;&nbsp;di cui ${esc(f.tier_labels?.[k] ?? k)}</td><td class="n">${euro(v)}</td></tr>`).join('') +
    Object.entries(f.remainders).map(([k, v]) => `<tr><td>${esc(f.remainder_labels[k] ?? k)}</td><td class="n">${euro(v)}</td></tr>`).join('') +
    (f.stanziamento ? `<tr><td>Non speso</td><td class="n">${euro(f.stanziamento.non_speso)}</td></tr><tr><td>Speso oltre lo stanziamento</td><td class="n">${euro(f.stanziamento.oltre)}</td></tr>` : '') +
    dist(f.distribuzione) + `</table>`).join('\n');
  const notes = r.avvisi.length ? `<h2>Avvisi</h2><ul>${r.avvisi.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>` : '';
  const rules = (r.vincoli ?? []).length ? `<table><caption>Vincoli verificati</caption><tr><th>Vincolo</th><th>Per</th><th>Gravità</th><th>Esito</th></tr>` +
    r.vincoli.map((v) => `<tr><td>${esc(v.etichetta)}</td><td>${esc(v.per)}</td><td>${esc(v.gravita)}</td><td>${v.rispettato ? 'rispettato' : `non rispettato da ${esc(v.non_rispettato_da)} su ${esc(v.su)}`}</td></tr>`).join('') + '</table>' : '';
  const cents = r.ripartizioni.filter((a) => typeof a.centesimi_assegnati_con_la_regola_di_parita === 'number' && a.centesimi_assegnati_con_la_regola_di_parita > 0).map((a) =>
    `<li>«${esc(a.regola)}»: ${euro(a.importo)} tra ${esc(a.beneficiari)} persone; arrotondando per difetto si distribuiscono ${euro(a.quote_al_centesimo_inferiore)}; i ${a.centesimi_assegnati_con_la_regola_di_parita} centesimi restanti vanno uno ciascuno a chi ha il resto maggiore, a parità secondo la regola della scheda.</li>`).join('');
  const s = r.statistiche;
  return `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>${esc(r.titolo ?? r.scheda)} ${esc(r.anno)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1040px;margin:2em auto;color:#1d2d35;line-height:1.4}table{border-collapse:collapse;margin:1em 0;width:100%}caption{text-align:left;font-weight:600;padding:.4em 0}td,th{border-bottom:1px solid #d7dde2;padding:.3em .5em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.wide{overflow-x:auto}.wide table{font-size:.9em}tr.tot td{font-weight:600}figure{margin:1.5em 0}figcaption{font-size:.85em;color:#555}</style>
</head><body>
<h1>${esc(r.titolo ?? r.scheda)} — ${esc(r.anno)}</h1>
<p>${esc(r.ente ?? '')}. Dati aggregati pubblicati ai sensi del D.Lgs. 33/2013, art. 20, commi 1 e 2. ${esc(s.soppressione)}.</p>
${r.variante ? `<p class="variante"><strong>Variante «${esc(r.variante.nome)}»${r.variante.etichetta ? `: ${esc(r.variante.etichetta)}` : ''}</strong> — una lettura alternativa della scheda, non quella principale.</p>\n` : ''}<p>Fonti: ${r.fonti.map(esc).join('; ')}</p>
<h2>Riepilogo</h2>
<p>Persone valutate: ${esc(s.persone)}.${s.requisiti ? ` Ammesse al premio: ${esc(s.ammessi)}.` : ''}${s.punteggio ? ' ' + scores(s.punteggio) : ''}</p>
${prospetti}
<h2>Risorse</h2>
${funds}
${cents ? `<h3>Dove vanno i centesimi</h3><ul>${cents}</ul>` : ''}
${notes}
${rules}
<h2>Distribuzione</h2>
${histogramSvg(r)}
${s.fasce.map((b) => bandsTable(b) + bandsSvg(b)).join('\n')}
${withheld(r)}
</body></html>
`;
}
