// The operations whose type rules live with the grammar (operators, `se … allora`, `scala`, `fasce`,
// `migliori`, T[chiave].colonna) or in their own modules (dates: engine/check/dates.ts, engine/compile/dates.ts,
// engine/run/dates.ts), and the population forms: here only their IR shape and whether the constraint folder
// can decide them. Their reference evaluation is engine/run/operations.ts's table (the registry's test checks
// that every operation has exactly one).
import { DECIMAL, EXPR, EXPRS, NAME, obj, type OpEntry, type Shape } from './types.ts';

const shaped = (family: OpEntry['family'], folds: boolean, shapes: Record<string, Shape>): OpEntry[] =>
  Object.entries(shapes).map(([op, shape]) => ({ op, family, shape, folds }));

const when = {
  oneOf: [
    obj({ label: NAME }),
    obj({ otherwise: { const: true } }),
    obj({ gt: DECIMAL, gte: DECIMAL, lt: DECIMAL, lte: DECIMAL }, []),
  ],
};
const isoDay = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const service = obj({ from: EXPR, to: EXPR, absences: obj({ over: obj({ table: NAME }), from: EXPR, to: EXPR }) }, ['from', 'to']);

/** Literals and names: a decimal, an input (`var`), a computed value (`val`), a value of a used scheme (`ext`). */
export const VALUE_OPS = [
  ...shaped('value', true, {
    dec: DECIMAL,
  }),
  ...shaped('value', false, {
    var: { type: 'string', pattern: '^((ente|unit|persona)\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*|riga\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*|elemento)$' },
  }),
  // a computed value folds when what it is computed from does (the folder follows it)
  ...shaped('value', true, { val: NAME }),
  ...shaped('value', false, { ext: { type: 'array', prefixItems: [NAME, NAME], minItems: 2, maxItems: 2 } }),
];

/** The operators of expressions (arithmetic, comparisons, logic, the `se` chain, lists). */
export const OPERATOR_OPS = shaped('operator', true, Object.fromEntries(['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '!', 'if', 'list'].map((op) => [op, EXPRS])));

/** Membership, caps, scales, bands and their shares, lookups in keyed tables. */
export const FORM_OPS = [
  ...shaped('form', true, {
    in: { type: 'array', prefixItems: [EXPR, EXPRS], minItems: 2, maxItems: 2 },
    limit: obj({ value: EXPR, max: { anyOf: [DECIMAL, { type: 'object', $ref: '#/$defs/expr' }] }, clamp: { type: 'boolean' } }), // max: per category, an expression
    scale: obj({ subject: EXPR, rows: { type: 'array', items: obj({ when, value: EXPR }) } }),
    bands: obj({ subject: EXPR, rows: { type: 'array', items: obj({ name: NAME, label: { type: 'string' }, when, value: EXPR }, ['name', 'when', 'value']) } }),
  }),
  ...shaped('form', false, { share: { type: 'array', prefixItems: [NAME], minItems: 1, maxItems: 1 } }),
  ...shaped('form', true, { lookup: obj({ table: NAME, key: EXPR, column: NAME }) }), // T[key].column, on a keyed entity table
];

/** What reads the whole population: allocation (`ripartisci`), among units then within (`… tra unità`), top-k (`migliori`). */
export const POPULATION_OPS = shaped('population', false, {
  allocate: obj({ pot: EXPR, weight: EXPR, group: { enum: ['ente', 'unit'] } }),
  // a pot split among the units by their weight (ties: the units' file order, a unit value, or their codes), then within each unit
  allocate_units: obj({ pot: EXPR, weight: EXPR, unitWeight: EXPR, ties: { oneOf: [obj({ order: { const: true } }), obj({ code: { const: true } }), obj({ by: EXPR, dir: { enum: ['asc', 'desc'] } })] } }),
  best: obj({ share: DECIMAL, count: { type: 'string', pattern: '^[0-9]+$' }, by: EXPR, within: { type: 'boolean' }, among: EXPR, rounding: { enum: ['up', 'down', 'nearest'] } }, ['by', 'within', 'among', 'rounding']),
});

/** Dates (engine/run/dates.ts): a day as ISO text, the scheme's year, the calendar functions. */
export const DATE_IR_OPS = shaped('date', true, {
  date: isoDay, scheme_year: { enum: ['year', 'start', 'end'] },
  ...Object.fromEntries(['days_between', 'days_difference', 'whole_months', 'add_days', 'add_months', 'day_of', 'month_of', 'year_of', 'month_end', 'leap_year', 'date_of'].map((op) => [op, EXPRS])),
  service_days: service, service_days_by_month: service,
});
