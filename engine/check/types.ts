// Types the checker infers for names and expressions, and the levels at which values vary.
import type { UnitName } from '../syntax/ast.ts';

export type Ty =
  | { t: 'num'; unit: UnitName | null } // null: a bare number that takes the unit of its context
  | { t: 'bool' }
  | { t: 'text' }
  | { t: 'enum'; values: string[] }
  | { t: 'list'; of: Ty }
  | { t: 'unitref' }
  | { t: 'any' }; // after an error, to avoid cascades

export type LevelName = 'ente' | 'unit' | 'persona';
export const LEVEL_RANK: Record<LevelName, number> = { ente: 0, unit: 1, persona: 2 };

export const ANY: Ty = { t: 'any' };
export const BOOL: Ty = { t: 'bool' };
export const TEXT: Ty = { t: 'text' };
export const num = (unit: UnitName | null): Ty => ({ t: 'num', unit });

/** The unit that counts for compatibility: numero/intero/none are dimensionless. */
export function dim(u: UnitName | null): UnitName | null {
  return u === 'numero' || u === 'intero' ? null : u;
}

export function maxLevel(a: LevelName, b: LevelName): LevelName {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

export function describe(ty: Ty, lang: 'it' | 'en'): string {
  const it = lang === 'it';
  switch (ty.t) {
    case 'num': {
      const u = dim(ty.unit);
      if (!u) return it ? 'un numero' : 'a number';
      const names: Record<string, [string, string]> = {
        punti: ['punti', 'points'], euro: ['euro', 'euro'], percentuale: ['una percentuale', 'a percentage'],
        giorni: ['giorni', 'days'], mesi: ['mesi', 'months'],
      };
      return names[u][it ? 0 : 1];
    }
    case 'bool':
      return it ? 'un sì/no' : 'a yes/no';
    case 'text':
      return it ? 'un testo' : 'a text';
    case 'enum':
      return (it ? 'uno tra ' : 'one of ') + ty.values.join(', ');
    case 'list':
      return (it ? 'una lista di ' : 'a list of ') + describe(ty.of, lang);
    case 'unitref':
      return it ? "un'unità organizzativa" : 'an organisational unit';
    default:
      return it ? 'un valore' : 'a value';
  }
}
