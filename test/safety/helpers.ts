// Helpers for the adversarial suites: a small scheme compiled in the test, a data folder written from
// strings, and a run of it in-process that hands back the data errors (file, row, column) or the runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { IrScheme } from '../../engine/compile/ir.ts';
import type { DataError, ReadOptions } from '../../engine/data/read.ts';
import { buildBundle } from '../../engine/pipeline.ts';
import { runYear, type SchemeRun } from '../../engine/run/year.ts';

/** A scheme with a unit, a per-person and a per-unit table, bands, a per-unit report, and two inputs
 *  named like inherited properties of every JavaScript object. */
export const SCHEME = `scheda s "Scheda di prova" anno 2025 lingua it

unità ufficio "Ufficio"

dati ufficio {
  codice: testo chiave
}

dati persona {
  matricola: testo chiave
  ufficio: ufficio
  importo: euro
  descrizione: testo
  constructor: testo
  toString: testo
}

tabella premi per persona {
  matricola: testo
  premio: euro
}

tabella spese per ufficio {
  ufficio: ufficio
  spesa: euro
}

calcola premi_persona "Premi della persona" = somma(premi.premio)
calcola premi_ufficio per ufficio "Premi delle persone dell'ufficio" = somma(premi.premio)
calcola spese_ufficio per ufficio "Spese dell'ufficio" = somma(spese.spesa)
calcola addetti per ufficio "Persone dell'ufficio" = conta(matricola <> "")
calcola etichetta "Etichetta" = se constructor = toString allora "uguali" altrimenti constructor

fasce livello "Livello" su importo {
  basso fino a 100 € → 0%
  alto oltre 100 € → 100%
}

prospetto per_ufficio "Per ufficio" per ufficio {
  persone "Persone" = conta(matricola <> "")
  spese "Spese" = spese_ufficio
}
`;

export const PERSONS_HEADER = 'matricola;ufficio;importo;descrizione;constructor;toString';

const compiled: Map<string, { irs: Map<string, IrScheme>; order: string[] }> = new Map();

export function compile(text: string, id = 's'): { irs: Map<string, IrScheme>; order: string[] } {
  const hit = compiled.get(text);
  if (hit) return hit;
  const b = buildBundle([{ id, file: `${id}.scheda`, text }]);
  if (!b.ok) throw new Error(b.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`).join('\n'));
  const r = { irs: b.irs, order: b.checked!.order };
  compiled.set(text, r);
  return r;
}

const dirs: string[] = [];

/** A fresh data folder holding `files` (name → text or bytes). */
export function dataDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'scheda-safety-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function removeDirs() {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The default data of SCHEME: three offices, persons, prizes and expenses (override any file). */
export function defaultFiles(): Record<string, string> {
  return {
    's-ufficio.csv': 'codice\nA\nB\n',
    's-persone.csv': `${PERSONS_HEADER}\nM1;A;10;x;a;b\nM2;A;200;x;a;a\nM3;B;50;x;a;b\n`,
    's-premi.csv': 'matricola;premio\nM1;5\n',
    's-spese.csv': 'ufficio;spesa\nA;100\n',
  };
}

export type Outcome = { ok: true; runs: Map<string, SchemeRun> } | { ok: false; errors: DataError[]; problems: unknown[] };

export async function runOn(dir: string, text = SCHEME, options?: ReadOptions): Promise<Outcome> {
  const { irs, order } = compile(text);
  const r = await runYear(irs, order, dir, undefined, options);
  return r.ok ? { ok: true, runs: r.runs } : { ok: false, errors: r.dataErrors, problems: r.problems };
}

/** Runs SCHEME on its default data with some files replaced; returns the data errors (none: []). */
export async function errorsWith(files: Record<string, string | Buffer>, remove: string[] = []): Promise<DataError[]> {
  const all: Record<string, string | Buffer> = { ...defaultFiles(), ...files };
  for (const f of remove) delete all[f];
  const r = await runOn(dataDir(all));
  if (r.ok) return [];
  expect(r.problems).toEqual([]);
  return r.errors;
}

/** Runs SCHEME and insists on success. */
export async function runsWith(files: Record<string, string | Buffer>, remove: string[] = []): Promise<SchemeRun> {
  const all: Record<string, string | Buffer> = { ...defaultFiles(), ...files };
  for (const f of remove) delete all[f];
  const r = await runOn(dataDir(all));
  if (!r.ok) throw new Error(JSON.stringify([...r.errors, ...r.problems].slice(0, 5)));
  return r.runs.get('s')!;
}
