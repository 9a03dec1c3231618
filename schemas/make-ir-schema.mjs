// Writes schemas/ir.schema.json. Kept as a script so the whitelist of operations reads in one place;
// run `node schemas/make-ir-schema.mjs` after changing it (a test checks the file is up to date).
import { writeFileSync } from 'node:fs';

const name = { type: 'string', pattern: '^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*$' };
const decimal = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
const expr = { $ref: '#/$defs/expr' };
const exprs = { type: 'array', items: expr };
// Source positions (line, col) are optional: `scheda compile` leaves them out unless asked (--positions), so
// that reformatting a scheme does not change its IR and year-to-year diffs show only rule changes.
const obj = (props, required = Object.keys(props).filter((k) => k !== 'line' && k !== 'col')) => ({ type: 'object', additionalProperties: false, required, properties: props });
const when = {
  oneOf: [
    obj({ label: name }),
    obj({ otherwise: { const: true } }),
    obj({ gt: decimal, gte: decimal, lt: decimal, lte: decimal }, []),
  ],
};
const aggregate = obj({
  over: { oneOf: [obj({ persons: { enum: [true, 'ente', 'unit'] } }), obj({ units: { const: true } }), obj({ table: name }), obj({ list: name })] },
  args: exprs,
  where: expr,
  otherwise: expr, // the value over no rows (mean, min_of, max_of, weighted_mean)
}, ['over', 'args', 'where']);
const nary = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '!', 'if', 'list', 'min', 'max', 'ratio', 'if_missing', 'quotient', 'remainder'];
// round/trunc: a value and a constant number of decimals, 0 … 20 (MAX_ROUND_DECIMALS in engine/syntax/limits.ts)
const rounding = { type: 'array', prefixItems: [expr, obj({ dec: { type: 'string', pattern: '^0*([0-9]|1[0-9]|20)$' } })], minItems: 2, maxItems: 2 };
// dates (engine/run/dates.ts): a day as ISO text, the scheme's year, the calendar functions
const isoDay = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const dateOps = ['days_between', 'days_difference', 'whole_months', 'add_days', 'add_months', 'day_of', 'month_of', 'year_of', 'month_end', 'leap_year', 'date_of'];
const service = obj({ from: expr, to: expr, absences: obj({ over: obj({ table: name }), from: expr, to: expr }) }, ['from', 'to']);
const src = { sources: { type: 'array', items: { type: 'string' } }, notes: { type: 'array', items: { type: 'string' } }, line: { type: 'integer', minimum: 1 }, col: { type: 'integer', minimum: 1 } };
const level = { enum: ['ente', 'unit', 'persona'] };
const FACTOR = '[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*(\\^[0-9]+)?';
const UNIT_EXPR = `^(1|${FACTOR}(\\*${FACTOR})*)(/${FACTOR}(\\*${FACTOR})*)?$`;
const type = {
  type: 'object', additionalProperties: false, required: ['base'],
  properties: {
    base: { enum: ['num', 'bool', 'text', 'enum', 'list', 'unitref', 'date'] },
    // a base unit, a dimensionless one, or a product of powers of base units (`euro/punti`, `punti^2`, `1/giorni`)
    unit: { anyOf: [{ enum: ['punti', 'euro', 'percentuale', 'giorni', 'mesi', 'ore', 'numero', 'intero'] }, { type: 'string', pattern: UNIT_EXPR }] },
    whole: { const: true },
    min: decimal, max: decimal, values: { type: 'array', items: name }, of: { $ref: '#/$defs/type' },
  },
};
const input = obj({ name, level, type: { $ref: '#/$defs/type' }, key: { type: 'boolean' }, label: { type: 'string' }, default: expr, onlyIf: expr, onlyIfText: { type: 'string' }, ...src }, ['name', 'level', 'type']);
// a table's computed columns: an expression over the row's columns
// the categories of a two-way report: the unit (its codes), or a person's enumeration (input or value, labels in declared order)
const category = obj({ kind: { enum: ['unit', 'input', 'value'] }, name, values: { type: 'array', items: { type: 'string' } } }, ['kind']);
const computed = { type: 'array', items: obj({ name, label: { type: 'string' }, expr, type: { $ref: '#/$defs/type' } }, ['name', 'expr']) };

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://scheda.example/schemas/ir.schema.json',
  title: 'scheda IR: one compiled scheme',
  description: 'The rules of one scheme as data. Expressions are JsonLogic restricted to the operations listed in $defs/expr; numbers are decimal strings; data paths name declared inputs only.',
  type: 'object',
  additionalProperties: false,
  required: ['ir', 'id', 'file', 'year', 'lang', 'sources', 'notes', 'uses', 'inputs', 'tables', 'decls', 'ties', 'funds', 'reports', 'constraints', 'examples'],
  properties: {
    ir: { const: 'scheda-ir/1' },
    id: { type: 'string', pattern: '^[^\\s\\\\/]+$' }, file: { type: 'string' }, title: { type: 'string' }, year: decimal, lang: { enum: ['it', 'en'] }, entity: { type: 'string' },
    sources: { type: 'array', items: { type: 'string' } }, notes: { type: 'array', items: { type: 'string' } },
    unit: name, unitKey: name, personKey: name, personUnit: name,
    uses: { type: 'array', items: name },
    inputs: { type: 'array', items: input },
    tables: { type: 'array', items: obj({ name, level, label: { type: 'string' }, columns: { type: 'array', items: input }, computed, ...src }, ['name', 'level', 'columns']) },
    decls: {
      type: 'array',
      items: obj({
        name, kind: { enum: ['value', 'section', 'item', 'penalty', 'reduction', 'gate', 'bands', 'total', 'eligible', 'report'] }, level,
        label: { type: 'string' }, expr, max: decimal, weight: decimal, section: name, type: { $ref: '#/$defs/type' }, functions: { type: 'array', items: name }, ...src,
      }, ['name', 'kind', 'level', 'expr']),
    },
    total: obj({ max: decimal, min: decimal, round: obj({ places: { type: 'string', pattern: '^0*([0-9]|1[0-9]|20)$' }, mode: { enum: ['nearest', 'up', 'down'] } }) }, ['max']),
    ties: { type: 'array', items: obj({ name, dir: { enum: ['asc', 'desc'] } }) },
    funds: {
      type: 'array',
      items: obj({
        name, label: { type: 'string' }, amount: expr, paid: expr, allocation: { const: true },
        tiers: { type: 'array', items: obj({ name, label: { type: 'string' }, expr, line: src.line, col: src.col }, ['name', 'expr']) },
        remainders: { type: 'array', items: obj({ name, label: { type: 'string' }, expr, line: src.line, col: src.col }, ['name', 'expr']) },
        ...src,
      }, ['name', 'amount', 'paid', 'remainders']),
    },
    reports: { type: 'array', items: obj({ name, label: { type: 'string' }, rows: { type: 'array', items: name }, per: name, perUnit: { type: 'boolean' }, across: name, twoWay: obj({ rows: category, cols: category }), columns: { type: 'array', items: obj({ name, label: { type: 'string' }, expr, type: { $ref: '#/$defs/type' } }, ['name', 'expr']) }, line: src.line, col: src.col }, ['name', 'rows']) },
    constraints: { type: 'array', items: obj({ label: { type: 'string' }, expr, per: { enum: ['persona', 'unit', 'table'] }, table: name, severity: { const: 'warning' }, ...src }, ['expr']) },
    examples: {
      type: 'array',
      items: obj({
        label: { type: 'string' },
        given: { type: 'array', items: obj({ path: { type: 'array', items: name, minItems: 1 }, value: expr }) },
        expected: { type: 'array', items: obj({ path: { type: 'array', items: name, minItems: 1 }, value: expr, unit: { type: 'string' }, line: src.line, col: src.col }, ['path', 'value']) },
        variant: name, every: { const: true },
        tables: {
          type: 'array',
          items: obj({
            role: { enum: ['persons', 'units', 'table', 'expectPersons', 'expectUnits'] }, name,
            columns: { type: 'array', items: { type: 'array', items: name, minItems: 1 } },
            rows: { type: 'array', items: obj({ cells: { type: 'array', items: obj({ value: expr, unit: { type: 'string' }, line: src.line, col: src.col }, ['value']) }, line: src.line, col: src.col }, ['cells']) },
            line: src.line, col: src.col,
          }, ['role', 'columns', 'rows']),
        },
        ...src,
      }, ['label', 'given', 'expected']),
    },
    // named variants: what each replaces in this scheme; `variant`: the reading this document was compiled under
    variants: {
      type: 'array',
      items: obj({
        name, label: { type: 'string' },
        replace: { type: 'array', items: obj({ target: { enum: ['decl', 'fund', 'remainder', 'tier'] }, name, fund: name, expr, line: src.line, col: src.col }, ['target', 'name', 'expr']) },
      }, ['name', 'replace']),
    },
    variant: obj({ name, label: { type: 'string' } }, ['name']),
  },
  $defs: {
    type,
    // An expression is a literal or an object with exactly one key, the operation, drawn from this list.
    // (One object with one property per operation validates in a single pass, unlike a long anyOf.)
    expr: {
      anyOf: [
        { type: 'boolean' },
        { type: 'string' },
        {
          type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: false,
          properties: {
            dec: decimal,
            var: { type: 'string', pattern: '^((ente|unit|persona)\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*|riga\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*\\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*|elemento)$' },
            val: name,
            ext: { type: 'array', prefixItems: [name, name], minItems: 2, maxItems: 2 },
            ...Object.fromEntries(nary.map((op) => [op, exprs])),
            round: rounding, trunc: rounding, ceil: rounding, floor: rounding,
            in: { type: 'array', prefixItems: [expr, exprs], minItems: 2, maxItems: 2 },
            limit: obj({ value: expr, max: { anyOf: [decimal, { type: 'object', $ref: '#/$defs/expr' }] }, clamp: { type: 'boolean' } }), // max: per category, an expression
            scale: obj({ subject: expr, rows: { type: 'array', items: obj({ when, value: expr }) } }),
            bands: obj({ subject: expr, rows: { type: 'array', items: obj({ name, label: { type: 'string' }, when, value: expr }, ['name', 'when', 'value']) } }),
            share: { type: 'array', prefixItems: [name], minItems: 1, maxItems: 1 },
            ...Object.fromEntries(['sum', 'count', 'mean', 'min_of', 'max_of', 'count_distinct', 'weighted_mean'].map((op) => [op, aggregate])),
            allocate: obj({ pot: expr, weight: expr, group: { enum: ['ente', 'unit'] } }),
            // a pot split among the units by their weight (ties: the units' file order, a unit value, or their codes), then within each unit
            allocate_units: obj({ pot: expr, weight: expr, unitWeight: expr, ties: { oneOf: [obj({ order: { const: true } }), obj({ code: { const: true } }), obj({ by: expr, dir: { enum: ['asc', 'desc'] } })] } }),
            lookup: obj({ table: name, key: expr, column: name }), // T[key].column, on a keyed entity table
            date: isoDay, scheme_year: { enum: ['year', 'start', 'end'] },
            ...Object.fromEntries(dateOps.map((op) => [op, exprs])),
            service_days: service, service_days_by_month: service,
            best: obj({ share: decimal, count: { type: 'string', pattern: '^[0-9]+$' }, by: expr, within: { type: 'boolean' }, among: expr, rounding: { enum: ['up', 'down', 'nearest'] } }, ['by', 'within', 'among', 'rounding']),
          },
        },
      ],
    },
  },
};

writeFileSync(new URL('./ir.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
