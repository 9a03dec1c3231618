// The two ajv validators of the IR (see validate.ts): `shell` checks a whole IR with each expression only
// queued, `node` checks one expression with its sub-expressions only queued. Made here at run time by
// ajv (which generates JavaScript and compiles it with `new Function`); the browser editor, whose
// Content-Security-Policy allows no eval, gets the same validators generated as code when it is built
// (`irValidatorsSource`, used by editor/vite.config.ts in place of this module's `irValidators`).
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _, Name, strConcat } from 'ajv/dist/compile/codegen/index.js';
import type { KeywordCxt, ValidateFunction } from 'ajv';
import schema from '../../schemas/ir.schema.json' with { type: 'json' };
import { queueExpr } from './ir-queue.ts';

export interface Validators {
  shell: ValidateFunction;
  node: ValidateFunction;
}

const EXPR_REF = '#/$defs/expr';

/** `s` with every reference to an expression replaced by the queuing keyword. */
function queued(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(queued);
  if (!s || typeof s !== 'object') return s;
  const o = s as Record<string, unknown>;
  if (o.$ref === EXPR_REF) return { queueExpr: true };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, queued(v)]));
}

function schemas(from: object = schema): { shell: object; node: object } {
  const s = from as { $schema: string; $defs: Record<string, unknown> };
  const { $defs, ...rest } = s;
  const defs = queued($defs) as Record<string, unknown>;
  return {
    shell: { ...(queued(rest) as object), $defs: defs },
    node: { $schema: s.$schema, ...(defs.expr as object), $defs: defs },
  };
}

function makeAjv(source: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: source ? { source: true, esm: true } : {} });
  // the queuing keyword as generated code: a call of queueExpr(data, instancePath) (ir-queue.ts)
  ajv.addKeyword({
    keyword: 'queueExpr',
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      const fn = source ? new Name('queueExpr') : cxt.gen.scopeValue('func', { ref: queueExpr });
      cxt.gen.code(_`${fn}(${cxt.data}, ${strConcat(new Name('instancePath'), cxt.it.errorPath)})`);
    },
  });
  return ajv;
}

/** `from`: the IR schema (by default schemas/ir.schema.json; a test's registry generates its own). */
export function irValidators(from?: object): Validators {
  const ajv = makeAjv(false);
  const s = schemas(from);
  return { shell: ajv.compile(s.shell), node: ajv.compile(s.node) };
}

/** The validators as an ES module's source (no eval at run time), importing queueExpr from `queueModule`. */
export function irValidatorsSource(queueModule: string): string {
  const ajv = makeAjv(true);
  const s = schemas();
  ajv.addSchema(s.shell, 'shell');
  ajv.addSchema(s.node, 'node');
  const code = standaloneCode.default(ajv, { shell: 'shell', node: 'node' });
  return `import { queueExpr } from ${JSON.stringify(queueModule)};\n${code}\nexport function irValidators() { return { shell, node }; }\n`;
}
