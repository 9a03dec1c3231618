// Every compiled scheme is validated against schemas/ir.schema.json (ajv, draft 2020-12), and every
// data path it reads is checked against the inputs it declares (what a JSON Schema cannot express).
//
// ajv validates a recursive schema recursively: an expression nested 160 levels deep ran it out of stack.
// So the schema is applied one expression at a time, with the same result: where the schema refers to an
// expression (`$ref: #/$defs/expr`), a custom keyword only queues the sub-expression, and a loop validates
// the queue. Nothing here recurses deeper than the IR's fixed layout.
import schema from '../../schemas/ir.schema.json' with { type: 'json' };
import type { ValidateFunction } from 'ajv';
import type { IrScheme } from './ir.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { irValidators, type Validators } from './ir-validators.ts';
import { queue, setPrefix } from './ir-queue.ts';
import { ops, REGISTRY, type Registry } from '../ops/registry.ts';
import { irSchemaOf } from '../ops/ir-schema.ts';

let validators: Validators | undefined;

export function irSchema(): object {
  return schema;
}

/** Validators of a test's registry (`withRegistry`): its schema generated on the spot. */
const ofRegistry = new WeakMap<Registry, Validators>();

function getValidators(): Validators {
  const r = ops();
  if (r !== REGISTRY) {
    let v = ofRegistry.get(r);
    if (!v) ofRegistry.set(r, (v = irValidators(irSchemaOf(r))));
    return v;
  }
  return (validators ??= irValidators());
}

/** Names every `var` path reads, as `level.name` (json-logic-js' uses_data); a loop, not a recursion. */
export function usesData(node: unknown, out = new Set<string>()): Set<string> {
  const stack = [node];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'var' && typeof v === 'string') out.add(v);
        else stack.push(v);
      }
    }
  }
  return out;
}

export function irProblems(ir: IrScheme): string[] {
  const v = getValidators();
  const problems: string[] = [];
  queue.length = 0;
  const run = (f: ValidateFunction, data: unknown, path: string) => {
    setPrefix(path);
    if (!f(data)) for (const e of f.errors ?? []) problems.push(`${path}${e.instancePath} ${e.message}`);
  };
  run(v.shell, ir, '');
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { data, path } = next;
    run(v.node, data, path);
  }
  const declared = new Set(ir.inputs.map((i) => `${i.level}.${i.name}`));
  const columns = new Set(ir.tables.flatMap((t) => [...t.columns, ...(t.computed ?? [])].map((c) => `riga.${t.name}.${c.name}`)));
  for (const p of usesData([ir.decls, ir.funds, ir.constraints, ir.examples, ir.reports, ir.inputs, ir.tables.map((t) => t.computed ?? [])])) {
    if (p === 'elemento' || declared.has(p) || columns.has(p)) continue;
    problems.push(`reads undeclared data "${p}"`);
  }
  // a lookup names a declared table and one of its columns
  const tableCols = new Map(ir.tables.map((t) => [t.name, new Set([...t.columns, ...(t.computed ?? [])].map((c) => c.name))]));
  const stack: unknown[] = [ir.decls, ir.funds, ir.constraints, ir.reports, ir.tables];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      const l = (x as { lookup?: { table?: unknown; column?: unknown } }).lookup;
      if (l && typeof l === 'object' && !tableCols.get(String(l.table))?.has(String(l.column))) problems.push(`looks up undeclared column "${String(l.table)}.${String(l.column)}"`);
      for (const v of Object.values(x)) stack.push(v);
    }
  }
  return problems;
}

export function validateIr(ir: IrScheme, file: string): Diagnostic[] {
  return irProblems(ir).map((p) => ({
    code: 'type-mismatch', severity: 'error', file, message: `IR non valido (errore interno del compilatore): ${p}`,
    span: { line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, endOffset: 0 },
  }));
}
