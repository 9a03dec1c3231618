// The data one scheme runs on: entity facts, units, persons, input tables, and the results of the
// schemes it uses. Persons are kept sorted by key, so no result depends on the order of input rows.
import type { Dec } from './decimal.ts';

export type V = Dec | boolean | string | V[] | null;

export interface PersonData {
  key: string;
  unit?: string;
  inputs: Map<string, V>;
}

export interface Population {
  ente: Map<string, V>;
  units: Map<string, Map<string, V>>;
  persons: PersonData[];
  tables: Map<string, Map<string, V>[]>;
  /** values of used schemes, looked up by scheme, name, and the person's or unit's key */
  ext: Map<string, ExtSource>;
  /** values given in place of computed ones (examples): scope key -> name -> value */
  overrides?: Map<string, Map<string, V>>;
}

export interface ExtSource {
  get(name: string, scope: { level: 'ente' } | { level: 'unit'; unit: string } | { level: 'persona'; key: string; unit?: string }): V | undefined;
}

export function sortPersons(ps: PersonData[]): PersonData[] {
  return [...ps].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
