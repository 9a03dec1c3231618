// The IR schema (schemas/ir.schema.json) as data: the document's layout here, the whitelist of operations
// from the operation registry (each entry's IR shape). `node schemas/make-ir-schema.mjs` writes it; a test
// checks the file is up to date.
import { REGISTRY, type Registry } from './registry.ts';
import { DECIMAL as decimal, EXPR as expr, NAME as name, obj } from './types.ts';

// Source positions (line, col) are optional: `scheda compile` leaves them out unless asked (--positions), so
// that reformatting a scheme does not change its IR and year-to-year diffs show only rule changes.
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

export function irSchemaOf(registry: Registry = REGISTRY): Record<string, unknown> {
  return {
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
      // An expression is a literal or an object with exactly one key, the operation, drawn from the registry.
      // (One object with one property per operation validates in a single pass, unlike a long anyOf.)
      expr: {
        anyOf: [
          { type: 'boolean' },
          { type: 'string' },
          {
            type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: false,
            properties: Object.fromEntries(registry.entries().map((e) => [e.op, e.shape])),
          },
        ],
      },
    },
  };
}
