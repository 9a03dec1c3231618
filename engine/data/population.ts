// Builds a scheme's population from a year's tables (a data folder, or files already read: TableSource). Table files follow the scheme's declarations:
//   ente.csv                 entity facts shared by the year's schemes: columns `nome;valore`
//   <scheme>-persone.csv     one row per person: the `dati persona` fields
//   <scheme>-<unit>.csv      one row per unit (e.g. comparto-settore.csv): the `dati <unit>` fields
//   <scheme>-<table>.csv     one file per `tabella` (e.g. dirigenti-residui.csv)
// (.xlsx and .json work the same.) Every table is checked against the declarations before anything
// runs; all problems are collected, each with file, row and column.
import type { IrInput, IrScheme, JL } from '../compile/ir.ts';
import { Evaluator } from '../run/evaluate.ts';
import { EvalError } from '../run/errors.ts';
import type { PersonData, Population, V } from '../run/population.ts';
import { sortPersons } from '../run/population.ts';
import { convert, keyProblem } from './convert.ts';
import { ExactNumber } from './cell.ts';
import type { DataError, RawTable } from './parse.ts';
import { suggest as suggestName } from '../diagnostics/suggest.ts';

/** The last segment of a path, `/` or `\\` separated (node:path's basename, for a browser too). */
const basename = (f: string) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);

export function tableNames(ir: IrScheme): { ente: boolean; persons?: string; units?: string; tables: string[] } {
  const has = (l: string) => ir.inputs.some((i) => i.level === l);
  return {
    ente: has('ente'),
    persons: has('persona') ? `${ir.id}-persone` : undefined,
    units: has('unit') ? `${ir.id}-${ir.unit ?? 'unita'}` : undefined,
    tables: ir.tables.map((t) => `${ir.id}-${t.name}`),
  };
}

/** Where a year's tables come from: a data folder (cache.ts, Node) or files already read (memory.ts, the browser). */
export interface TableSource {
  /** the file names present for table `name` (`name.csv`, `name.xlsx`, `name.json`: more than one is an error) */
  files(name: string): string[];
  /** the table, read once; undefined when no file holds it */
  get(name: string): Promise<RawTable | DataError[]> | undefined;
  /** the table's text is no longer needed (its typed rows are kept): a source may let it go (read again if asked) */
  release?(name: string): void;
}

interface Typed {
  rows: { line: number; values: Map<string, V> }[];
}

const isEmpty = (c: unknown) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/**
 * Reads the defaults and decides the sub-population conditions of one record's fields (`facoltativo
 * predefinito …`, `solo se …`), with the scheme's own evaluator on a population of that one record.
 */
class RecordRules {
  private values = new Map<string, V>();
  private ev: Evaluator;
  constructor(ir: IrScheme, private level: 'ente' | 'unit' | 'persona') {
    this.ev = new Evaluator(ir, { ente: this.values, units: new Map([['', this.values]]), persons: [{ key: '', unit: '', inputs: this.values }], tables: new Map(), ext: new Map() });
  }
  constant(jl: JL): V {
    return this.ev.evaluate(jl, { scope: { level: 'ente' } });
  }
  /** Whether the record `values` belongs to the field's group; undefined when it cannot be told (a cell it reads is wrong). */
  holds(cond: JL, values: Map<string, V>): boolean | undefined {
    this.values.clear();
    for (const [k, v] of values) this.values.set(k, v);
    const scope = this.level === 'persona' ? { level: 'persona' as const, p: 0 } : this.level === 'unit' ? { level: 'unit' as const, unit: '' } : { level: 'ente' as const };
    try {
      return this.ev.bool(this.ev.evaluate(cond, { scope }));
    } catch (e) {
      if (e instanceof EvalError) return undefined;
      throw e;
    }
  }
}

/** `keys`: the columns that are keys or refer to one (read in NFC, no control or invisible characters). */
function typeRows(t: RawTable, fields: IrInput[], lang: 'it' | 'en', errors: DataError[], keys: Set<string> = new Set(), rules?: RecordRules): Typed {
  const file = basename(t.file);
  // an empty JSON list has no header to check: it is a table without rows
  if (t.rows.length === 0 && t.header.length === 0) return { rows: [] };
  const index = new Map(t.header.map((h, i) => [h.toLowerCase(), i]));
  const seenHeader = new Map<string, number>();
  t.header.forEach((h, i) => {
    const k = h.toLowerCase();
    if (seenHeader.has(k) && fields.some((f) => f.name.toLowerCase() === k)) errors.push({ file, line: 1, column: h, message: `la colonna «${h}» compare due volte (colonne ${seenHeader.get(k)! + 1} e ${i + 1})` });
    else seenHeader.set(k, i);
  });
  // an optional field or a field of a sub-population may have no column: every cell of it is then empty
  const missing = fields.filter((f) => !index.has(f.name.toLowerCase()) && f.default === undefined && f.onlyIf === undefined);
  for (const m of missing) errors.push({ file, line: 1, column: m.name, message: `manca la colonna «${m.name}»${m.label ? ` (${m.label})` : ''}` });
  if (missing.length) return { rows: [] };
  const out: Typed = { rows: [] };
  for (const r of t.rows) {
    if (r.cells.length !== t.header.length) {
      const column = r.cells.length < t.header.length ? t.header[r.cells.length] : undefined;
      errors.push({ file, line: r.line, column, message: `la riga ha ${r.cells.length} colonne invece di ${t.header.length} (file troncato o separatore sbagliato?)` });
      continue;
    }
    const values = new Map<string, V>();
    const cellOf = (f: IrInput) => (index.has(f.name.toLowerCase()) ? r.cells[index.get(f.name.toLowerCase())!] : undefined);
    const read = (f: IrInput) => {
      const cell = cellOf(f);
      if (isEmpty(cell) && f.default !== undefined && rules) return void values.set(f.name, rules.constant(f.default)); // stated in the scheme
      const c = convert(cell ?? '', f.type, lang, { key: keys.has(f.name) || f.key || f.type.base === 'unitref' });
      if (c.ok) values.set(f.name, c.value);
      else errors.push({ file, line: r.line, column: f.name, message: c.message });
    };
    for (const f of fields) if (f.onlyIf === undefined) read(f);
    // fields of a sub-population: required for its records, empty for the others
    for (const f of fields) {
      if (f.onlyIf === undefined || !rules) continue;
      const holds = rules.holds(f.onlyIf, values);
      if (holds === undefined) continue; // a cell the condition reads is wrong, and reported
      const empty = isEmpty(cellOf(f));
      if (holds && empty && f.default === undefined) errors.push({ file, line: r.line, column: f.name, message: `valore mancante: «${f.name}» è richiesto quando ${f.onlyIfText ?? '…'}` });
      else if (holds) read(f);
      else if (!empty) errors.push({ file, line: r.line, column: f.name, message: `«${f.name}» deve restare vuoto: vale solo quando ${f.onlyIfText ?? '…'}, e questa riga non è così` });
    }
    out.rows.push({ line: r.line, values });
  }
  return out;
}

function checkKeys(rows: Typed['rows'], key: string | undefined, file: string, errors: DataError[]) {
  if (!key) return;
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = r.values.get(key);
    if (k === undefined) continue;
    const s = String(k);
    if (seen.has(s)) errors.push({ file, line: r.line, column: key, message: `«${s}» compare due volte (già alla riga ${seen.get(s)})` });
    else seen.set(s, r.line);
  }
}

async function load(cache: TableSource, name: string, errors: DataError[]): Promise<RawTable | undefined> {
  const all = cache.files(name);
  if (all.length > 1) {
    errors.push({ file: all[0], message: `ci sono più file per la tabella «${name}» (${all.join(', ')}): lasciane uno solo` });
    return undefined;
  }
  const p = cache.get(name);
  if (!p) {
    errors.push({ file: `${name}.csv`, message: `manca il file «${name}» (.csv, .xlsx o .json) nella cartella dei dati` });
    return undefined;
  }
  const r = await p;
  if (Array.isArray(r)) {
    for (const e of r) errors.push({ ...e, file: basename(e.file) });
    return undefined;
  }
  return r;
}

/** Rows in an order that does not depend on the file's: by their values (each row's sort key computed once). */
const sortRows = (rows: Map<string, V>[]) =>
  rows
    .map((r) => ({ r, k: JSON.stringify([...r.entries()].map(([k, v]) => [k, String(v)])) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.r);

export async function loadPopulation(ir: IrScheme, cache: TableSource, errors: DataError[]): Promise<Omit<Population, 'ext'>> {
  const names = tableNames(ir);
  const pop: Omit<Population, 'ext'> = { ente: new Map(), units: new Map(), persons: [], tables: new Map() };
  const by = (l: string) => ir.inputs.filter((i) => i.level === l);
  if (names.ente) {
    const t = await load(cache, 'ente', errors);
    if (t) {
      const file = basename(t.file);
      const ni = t.header.findIndex((h) => h.toLowerCase() === 'nome');
      const vi = t.header.findIndex((h) => h.toLowerCase() === 'valore');
      if (ni < 0 || vi < 0) errors.push({ file, line: 1, message: 'le colonne devono essere «nome» e «valore»' });
      else {
        const rows = new Map<string, RawTable['rows'][number]>();
        for (const r of t.rows) {
          const raw = r.cells[ni];
          const bad = typeof raw === 'string' ? keyProblem(raw) : undefined;
          if (bad) {
            errors.push({ file, line: r.line, column: 'nome', message: bad });
            continue;
          }
          const name = (typeof raw === 'string' || raw instanceof ExactNumber ? String(raw) : '').trim().normalize('NFC');
          const prev = rows.get(name);
          if (prev) errors.push({ file, line: r.line, column: 'nome', message: `«${name}» compare due volte (già alla riga ${prev.line})` });
          else rows.set(name, r);
        }
        const declared = new Set(by('ente').map((f) => f.name));
        for (const [name, r] of rows) {
          if (declared.has(name) || !name) continue;
          // another scheme of the year may read it: only names no scheme could mean are worth a word
          const near = suggestName(name, [...declared]);
          if (near && !rows.has(near)) errors.push({ file, line: r.line, column: 'nome', message: `«${name}» non è un dato di ente di questa scheda: forse «${near}»?` });
        }
        const rules = new RecordRules(ir, 'ente');
        for (const f of by('ente')) {
          const r = rows.get(f.name);
          if (f.default !== undefined && (!r || isEmpty(r.cells[vi]))) {
            pop.ente.set(f.name, rules.constant(f.default)); // an optional fact: its stated default
            continue;
          }
          if (!r) {
            errors.push({ file, column: 'nome', message: `manca il dato di ente «${f.name}»${f.label ? ` (${f.label})` : ''}` });
            continue;
          }
          const c = convert(r.cells[vi], f.type, ir.lang);
          if (c.ok) pop.ente.set(f.name, c.value);
          else errors.push({ file, line: r.line, column: 'valore', message: `${f.name}: ${c.message}` });
        }
      }
    }
  }
  // references are checked against a file only once it was read: an unreadable file is one error, not one per row
  let unitsRead = false;
  let personsRead = false;
  if (names.units) {
    const t = await load(cache, names.units, errors);
    unitsRead = !!t;
    if (t) {
      const typed = typeRows(t, by('unit'), ir.lang, errors, new Set([ir.unitKey ?? '']), new RecordRules(ir, 'unit'));
      checkKeys(typed.rows, ir.unitKey, basename(t.file), errors);
      for (const r of typed.rows) pop.units.set(String(r.values.get(ir.unitKey ?? '') ?? ''), r.values);
    }
  }
  if (names.persons) {
    const t = await load(cache, names.persons, errors);
    personsRead = !!t && t.rows.length > 0;
    if (t) {
      const file = basename(t.file);
      // a scheme with persons run on none would publish empty tables and exit 0: refused
      if (t.rows.length === 0) errors.push({ file, line: 1, message: 'il file non ha righe di dati (solo l\'intestazione, o nessuna riga): la scheda valuta persone e non ne trova nessuna' });
      const typed = typeRows(t, by('persona'), ir.lang, errors, new Set([ir.personKey ?? '']), new RecordRules(ir, 'persona'));
      cache.release?.(names.persons); // the cells are typed: their text need not stay in memory for the run
      checkKeys(typed.rows, ir.personKey, file, errors);
      const persons: PersonData[] = [];
      for (const r of typed.rows) {
        const unit = ir.personUnit ? String(r.values.get(ir.personUnit) ?? '') : undefined;
        if (unit !== undefined && unitsRead && !pop.units.has(unit) && r.values.has(ir.personUnit!)) {
          errors.push({ file, line: r.line, column: ir.personUnit, message: `${ir.unit ?? 'unità'} «${unit}» sconosciuto: non è nel file ${names.units}` });
        }
        persons.push({ key: String(r.values.get(ir.personKey ?? '') ?? r.line), unit, inputs: r.values });
      }
      pop.persons = sortPersons(persons);
    }
  }
  for (const tb of ir.tables) {
    const t = await load(cache, `${ir.id}-${tb.name}`, errors);
    if (!t) continue;
    const typed = typeRows(t, tb.columns, ir.lang, errors, new Set(tb.level === 'persona' && ir.personKey ? [ir.personKey] : []), new RecordRules(ir, 'ente'));
    cache.release?.(`${ir.id}-${tb.name}`);
    // every row belongs to a known person (or unit): a row for nobody would be silently ignored
    const file = basename(t.file);
    const tableKey = tb.columns.find((c) => c.key)?.name;
    if (tableKey && tb.level === 'ente') checkKeys(typed.rows, tableKey, file, errors);
    if (tb.level === 'persona' && ir.personKey && personsRead) {
      const keys = new Set(pop.persons.map((p) => p.key));
      const col = tb.columns.find((c) => c.name === ir.personKey)?.name;
      if (col) for (const r of typed.rows) if (r.values.has(col) && !keys.has(String(r.values.get(col)))) errors.push({ file, line: r.line, column: col, message: `«${String(r.values.get(col))}» non è tra le persone del file ${names.persons}` });
    }
    if (tb.level === 'unit' && unitsRead) {
      const col = tb.columns.find((c) => c.type.base === 'unitref')?.name;
      if (col) for (const r of typed.rows) if (r.values.has(col) && !pop.units.has(String(r.values.get(col)))) errors.push({ file, line: r.line, column: col, message: `${ir.unit ?? 'unità'} «${String(r.values.get(col))}» sconosciuto: non è nel file ${names.units}` });
    }
    pop.tables.set(tb.name, sortRows(typed.rows.map((r) => r.values)));
  }
  return pop;
}
