// The JSON Schema of a scheme's input data, generated from its declarations. `scheda run` validates
// every table against it before anything is computed.
import type { IrInput, IrScheme, IrType } from '../compile/ir.ts';

const DEC = '^-?[0-9]+(\\.[0-9]+)?$';

export function valueSchema(t: IrType): Record<string, unknown> {
  switch (t.base) {
    case 'num': {
      const s: Record<string, unknown> = { type: 'string', pattern: t.unit === 'intero' || t.whole ? '^-?[0-9]+$' : DEC };
      const d: string[] = [];
      if (t.min !== undefined) d.push(`≥ ${t.min}`);
      if (t.max !== undefined) d.push(`≤ ${t.max}`);
      s.description = [t.unit, ...(t.whole ? ['interi'] : []), ...d].join(' ');
      if (t.min !== undefined) s['x-minimum'] = t.min;
      if (t.max !== undefined) s['x-maximum'] = t.max;
      return s;
    }
    case 'bool': return { type: 'boolean' };
    case 'text': case 'unitref': return { type: 'string', minLength: 1 };
    case 'enum': return { enum: t.values };
    case 'list': return { type: 'array', items: valueSchema(t.of!) };
    case 'date': return { type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'data: aaaa-mm-gg o gg/mm/aaaa nei file' };
  }
}

/** A stated default as JSON (numbers as decimal strings, like every value here). */
function constant(jl: unknown): unknown {
  if (jl && typeof jl === 'object' && 'dec' in jl) return (jl as { dec: string }).dec;
  if (jl && typeof jl === 'object' && 'list' in jl) return ((jl as { list: unknown[] }).list).map(constant);
  if (jl && typeof jl === 'object' && '-' in jl) return '-' + String(constant((jl as { '-': unknown[] })['-'][0]));
  return jl;
}

function record(fields: IrInput[]): Record<string, unknown> {
  // optional fields (with their default) and fields of a sub-population (required only where their condition holds) are not required
  const field = (f: IrInput) => {
    const v = valueSchema(f.type);
    const only = f.onlyIfText !== undefined ? `solo se ${f.onlyIfText}: richiesto quando la condizione vale, vuoto altrimenti` : undefined;
    return {
      ...v, ...(f.label ? { title: f.label } : {}),
      ...(f.default !== undefined ? { default: constant(f.default) } : {}),
      ...(only ? { 'x-solo-se': f.onlyIfText, description: [v.description, only].filter(Boolean).join('; ') } : {}),
    };
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: fields.filter((f) => f.default === undefined && f.onlyIf === undefined).map((f) => f.name),
    properties: Object.fromEntries(fields.map((f) => [f.name, field(f)])),
  };
}

export function dataSchema(ir: IrScheme): Record<string, unknown> {
  const by = (l: string) => ir.inputs.filter((i) => i.level === l);
  const props: Record<string, unknown> = Object.create(null); // table names are the scheme's: `__proto__` is a name
  if (by('ente').length) props.ente = record(by('ente'));
  if (by('unit').length) props.unita = { type: 'array', items: record(by('unit')) };
  if (by('persona').length) props.persone = { type: 'array', items: record(by('persona')) };
  for (const t of ir.tables) props[t.name] = { type: 'array', items: record(t.columns) };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Dati di ingresso della scheda ${ir.id}${ir.title ? ` (${ir.title})` : ''}`,
    description: 'Numbers are decimal strings; generated from the scheme\'s input declarations.',
    type: 'object',
    additionalProperties: false,
    required: Object.keys(props),
    properties: props,
  };
}
