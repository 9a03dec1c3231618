// The impact as HTML: a public page (aggregates that passed disclosure control, with inline SVG charts)
// and a private page that names the persons who change. Every text is escaped.
import type { Change } from './diff.ts';
import { NP, type Cell, type Impact, type SchemeImpact } from './impact.ts';

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Money in Italian notation (1.234,56); n.p. stays n.p. */
export function euro(x: Cell | undefined | null, lang: 'it' | 'en' = 'it'): string {
  if (x === undefined || x === null) return '—';
  if (x === NP || typeof x === 'number') return String(x);
  if (lang === 'en') return x;
  const neg = x.startsWith('-');
  const [i, d] = x.replace('-', '').split('.');
  return `${neg ? '−' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${d ?? '00'}`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
.private{border:3px solid #b00;padding:1rem}.note{color:#555;font-size:.9em}`;

function distributionSvg(s: SchemeImpact, lang: 'it' | 'en'): string {
  const bins = s.distribution;
  if (!bins.length) return '';
  const nums = bins.map((b) => (typeof b.persons === 'number' ? b.persons : 0));
  const max = Math.max(1, ...nums);
  const W = 600, H = 160, bw = W / bins.length;
  const bars = bins.map((b, k) => {
    const h = typeof b.persons === 'number' ? (b.persons / max) * (H - 30) : 0;
    const neg = b.to.startsWith('-') || b.to === '0.00';
    return `<rect x="${(k * bw + 2).toFixed(1)}" y="${(H - 20 - h).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${neg ? '#c55' : '#5a5'}"><title>${esc(euro(b.from, lang))} … ${esc(euro(b.to, lang))}: ${esc(b.persons)}</title></rect>`
      + `<text x="${(k * bw + bw / 2).toFixed(1)}" y="${H - 5}" font-size="9" text-anchor="middle">${esc(b.persons)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${lang === 'it' ? 'distribuzione di guadagni e perdite' : 'distribution of gains and losses'}">${bars.join('')}</svg>`;
}

function costSvg(s: SchemeImpact, lang: 'it' | 'en'): string {
  const a = Number(s.old.paid);
  const b = Number(s.new.paid);
  const max = Math.max(a, b, 1);
  const W = 400;
  const bar = (y: number, v: number, label: string, c: string) => `<rect x="110" y="${y}" width="${((v / max) * (W - 120)).toFixed(1)}" height="18" fill="${c}"/><text x="0" y="${y + 14}" font-size="12">${esc(label)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="50" role="img" aria-label="${lang === 'it' ? 'costo prima e dopo' : 'cost before and after'}">${bar(2, a, lang === 'it' ? 'prima' : 'before', '#888')}${bar(26, b, lang === 'it' ? 'dopo' : 'after', '#36a')}</svg>`;
}

export function impactHtml(im: Impact, changes: Change[], meta: { old: string; new: string; data: string }, lang: 'it' | 'en'): string {
  const it = lang === 'it';
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${it ? 'Impatto delle modifiche' : 'Impact of the changes'}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${it ? 'Impatto delle modifiche — parte pubblica' : 'Impact of the changes — public part'}</h1>`);
  parts.push(`<p>${esc(meta.old)} → ${esc(meta.new)}, ${it ? 'sugli stessi dati' : 'on the same data'} (${esc(meta.data)}). ${it ? 'Solo dati aggregati, sotto il controllo di riservatezza dei rapporti pubblicati: «n.p.» indica un dato non pubblicabile.' : 'Aggregates only, under the disclosure control of published reports: «n.p.» marks a figure withheld.'}</p>`);
  for (const s of im.schemes) {
    parts.push(`<h2>${esc(s.scheme)}</h2>`);
    parts.push(`<p>${it ? 'Pagato' : 'Paid'}: ${euro(s.old.paid, lang)} € → ${euro(s.new.paid, lang)} € (${euro(s.delta, lang)} €)</p>${costSvg(s, lang)}`);
    if (s.funds.length) {
      parts.push(`<table><tr><th>${it ? 'Fondo' : 'Fund'}</th><th>${it ? 'Importo prima' : 'Amount before'}</th><th>${it ? 'Pagato prima' : 'Paid before'}</th><th>${it ? 'Importo dopo' : 'Amount after'}</th><th>${it ? 'Pagato dopo' : 'Paid after'}</th></tr>`);
      for (const f of s.funds) parts.push(`<tr><td>${esc(f.label ?? f.fund)}</td><td>${euro(f.old?.amount, lang)}</td><td>${euro(f.old?.paid, lang)}</td><td>${euro(f.new?.amount, lang)}</td><td>${euro(f.new?.paid, lang)}</td></tr>`);
      parts.push('</table>');
    }
    parts.push(`<table><tr><th>${it ? 'Chi cambia' : 'Who changes'}</th><th>${it ? 'Persone' : 'Persons'}</th></tr>`);
    const row = (l: string, v: Cell) => parts.push(`<tr><td>${esc(l)}</td><td>${esc(v)}</td></tr>`);
    row(it ? 'Ammessi prima' : 'Eligible before', s.old.eligible);
    row(it ? 'Ammessi dopo' : 'Eligible after', s.new.eligible);
    row(it ? 'Diventano ammessi' : 'Become eligible', s.eligibility.gained);
    row(it ? 'Non più ammessi' : 'No longer eligible', s.eligibility.lost);
    row(it ? 'Guadagnano' : 'Gain', s.pay.gain);
    row(it ? 'Perdono' : 'Lose', s.pay.loss);
    row(it ? 'Invariati' : 'Unchanged', s.pay.same);
    for (const b of s.bands) {
      row(`${it ? 'Fasce' : 'Bands'} «${b.label ?? b.bands}»: ${it ? 'salgono' : 'move up'}`, b.up);
      row(`${it ? 'Fasce' : 'Bands'} «${b.label ?? b.bands}»: ${it ? 'scendono' : 'move down'}`, b.down);
    }
    for (const p of s.penalties) {
      row(`${it ? 'Penalità' : 'Penalty'} «${p.label ?? p.penalty}»: ${it ? 'aumenta' : 'more'}`, p.more);
      row(`${it ? 'Penalità' : 'Penalty'} «${p.label ?? p.penalty}»: ${it ? 'diminuisce' : 'less'}`, p.less);
    }
    parts.push('</table>');
    parts.push(`<p>${it ? 'Somma dei guadagni' : 'Total gains'}: ${euro(s.pay.gains, lang)} €; ${it ? 'somma delle perdite' : 'total losses'}: ${euro(s.pay.losses, lang)} €</p>`);
    if (s.distribution.length) parts.push(`<h3>${it ? 'Distribuzione di guadagni e perdite (€ a persona)' : 'Distribution of gains and losses (€ per person)'}</h3>${distributionSvg(s, lang)}`);
    if (s.sectors.length) {
      parts.push(`<h3>${it ? 'Per unità' : 'Per unit'}</h3><table><tr><th>${it ? 'Unità' : 'Unit'}</th><th>${it ? 'Persone' : 'Persons'}</th><th>${it ? 'Pagato prima' : 'Paid before'}</th><th>${it ? 'Pagato dopo' : 'Paid after'}</th><th>${it ? 'Guadagnano' : 'Gain'}</th><th>${it ? 'Perdono' : 'Lose'}</th></tr>`);
      for (const u of s.sectors) parts.push(`<tr><td>${esc(u.unit)}</td><td>${esc(u.persons)}</td><td>${euro(u.old_paid, lang)}</td><td>${euro(u.new_paid, lang)}</td><td>${esc(u.gain)}</td><td>${esc(u.loss)}</td></tr>`);
      parts.push('</table>');
    }
    for (const n of s.notes) parts.push(`<p class="note">${esc(n)}</p>`);
    if (s.withheld.length) parts.push(`<p class="note">${it ? 'Celle non pubblicate' : 'Cells withheld'}: ${s.withheld.length}</p>`);
  }
  if (changes.length) {
    parts.push(`<h2>${it ? 'Modifiche delle regole' : 'Changes to the rules'}</h2><ul>`);
    for (const c of changes) parts.push(`<li>${esc(c.scheme)}: ${esc(c.text)}</li>`);
    parts.push('</ul>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

export function impactPrivateHtml(im: Impact, meta: { old: string; new: string; data: string }, lang: 'it' | 'en'): string {
  const it = lang === 'it';
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${it ? 'RISERVATO — chi cambia' : 'PRIVATE — who changes'}</title><style>${STYLE}</style></head><body><div class="private">`);
  parts.push(`<h1>${it ? 'RISERVATO: persone interessate dalle modifiche' : 'PRIVATE: persons affected by the changes'}</h1><p>${it ? 'Documento per l\'ufficio del personale: non pubblicare.' : 'For the HR office: do not publish.'} ${esc(meta.old)} → ${esc(meta.new)} (${esc(meta.data)})</p>`);
  for (const [scheme, ps] of Object.entries(im.persons)) {
    parts.push(`<h2>${esc(scheme)} (${ps.length})</h2><table><tr><th>${it ? 'Chiave' : 'Key'}</th><th>${it ? 'Unità' : 'Unit'}</th><th>${it ? 'Prima' : 'Before'}</th><th>${it ? 'Dopo' : 'After'}</th><th>${it ? 'Differenza' : 'Difference'}</th><th>${it ? 'Ammesso' : 'Eligible'}</th><th>${it ? 'Fasce' : 'Bands'}</th><th>${it ? 'Penalità' : 'Penalties'}</th></tr>`);
    for (const p of ps) {
      const bands = Object.entries(p.bands).filter(([, [a, b]]) => a !== b).map(([n, [a, b]]) => `${n}: ${a ?? '—'} → ${b ?? '—'}`).join('; ');
      const pens = Object.entries(p.penalties).filter(([, [a, b]]) => a !== b).map(([n, [a, b]]) => `${n}: ${a ?? '—'} → ${b ?? '—'}`).join('; ');
      const el = p.eligible[0] === p.eligible[1] ? String(p.eligible[1] ?? '—') : `${p.eligible[0]} → ${p.eligible[1]}`;
      parts.push(`<tr><td>${esc(p.key)}</td><td>${esc(p.unit ?? '')}</td><td>${euro(p.oldPaid, lang)}</td><td>${euro(p.newPaid, lang)}</td><td>${euro(p.delta, lang)}</td><td>${esc(el)}</td><td>${esc(bands)}</td><td>${esc(pens)}</td></tr>`);
    }
    parts.push('</table>');
  }
  parts.push('</div></body></html>\n');
  return parts.join('\n');
}
