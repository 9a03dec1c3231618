// Every compiled scheme is validated against schemas/ir.schema.json (ajv, draft 2020-12), and every
// data path it reads is checked against the inputs it declares (what a JSON Schema cannot express).
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/ir.schema.json' with { type: 'json' };
import type { ValidateFunction } from 'ajv';
import type { IrScheme } from './ir.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

let validator: ValidateFunction | undefined;

export function irSchema(): object {
  return schema;
}

function getValidator(): ValidateFunction {
  if (!validator) validator = new Ajv2020({ strict: false, allErrors: true }).compile(irSchema());
  return validator;
}

/** Names every `var` path reads, as `level.name` (json-logic-js' uses_data). */
export function usesData(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => usesData(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'var' && typeof v === 'string') out.add(v);
      else usesData(v, out);
    }
  }
  return out;
}

export function irProblems(ir: IrScheme): string[] {
  const v = getValidator();
  const problems: string[] = [];
  if (!v(ir)) for (const e of v.errors ?? []) problems.push(`${e.instancePath} ${e.message}`);
  const declared = new Set(ir.inputs.map((i) => `${i.level}.${i.name}`));
  const columns = new Set(ir.tables.flatMap((t) => t.columns.map((c) => `riga.${t.name}.${c.name}`)));
  for (const p of usesData([ir.decls, ir.funds, ir.constraints, ir.examples, ir.reports])) {
    if (p === 'elemento' || declared.has(p) || columns.has(p)) continue;
    problems.push(`reads undeclared data "${p}"`);
  }
  return problems;
}

export function validateIr(ir: IrScheme, file: string): Diagnostic[] {
  return irProblems(ir).map((p) => ({
    code: 'type-mismatch', severity: 'error', file, message: `IR non valido (errore interno del compilatore): ${p}`,
    span: { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 },
  }));
}
