// Named variants in the IR: the main document carries, per variant, the expressions it replaces (compiled
// from the bundle checked under that variant); `applyVariantIr` gives the document of that reading.
import type { VariantInfo } from '../check/variants.ts';
import type { IrScheme, IrVariant, JL } from './ir.ts';

/** What variant `v` replaces in scheme `main`, read from the scheme compiled under it (`under`). */
export function variantReplacements(v: VariantInfo, main: IrScheme, under: IrScheme): IrVariant | undefined {
  const replace: IrVariant['replace'] = [];
  for (const p of v.places.filter((x) => x.scheme === main.id)) {
    const at = { line: p.span.line, col: p.span.col };
    const [head, tail] = p.decl.split('.');
    const fund = under.funds.find((f) => f.name === head);
    if (tail !== undefined && fund) {
      const r = fund.remainders.find((x) => x.name === tail);
      const t = fund.tiers?.find((x) => x.name === tail);
      if (r) replace.push({ target: 'remainder', name: tail, fund: head, expr: r.expr, ...at });
      else if (t) replace.push({ target: 'tier', name: tail, fund: head, expr: t.expr, ...at });
      continue;
    }
    const d = under.decls.find((x) => x.name === p.decl);
    if (d) replace.push({ target: 'decl', name: d.name, expr: d.expr, ...at });
    else if (fund) replace.push({ target: 'fund', name: fund.name, expr: fund.amount, ...at });
  }
  if (!replace.length) return undefined;
  return { name: v.name, ...(v.label !== undefined ? { label: v.label } : {}), replace };
}

/** The document of the reading `name`: the main document with the variant's expressions in place. */
export function applyVariantIr(ir: IrScheme, name: string): IrScheme {
  const v = ir.variants?.find((x) => x.name === name);
  const out: IrScheme = structuredClone(ir);
  delete out.variants;
  out.variant = { name, ...(v?.label !== undefined ? { label: v.label } : {}) };
  for (const r of v?.replace ?? []) {
    const expr: JL = structuredClone(r.expr);
    if (r.target === 'decl') {
      const d = out.decls.find((x) => x.name === r.name);
      if (d) d.expr = expr;
    } else {
      const f = out.funds.find((x) => x.name === (r.fund ?? r.name));
      if (!f) continue;
      if (r.target === 'fund') f.amount = expr;
      else if (r.target === 'remainder') f.remainders.find((x) => x.name === r.name)!.expr = expr;
      else {
        f.tiers!.find((x) => x.name === r.name)!.expr = expr;
        f.paid = { '+': f.tiers!.map((t) => t.expr) };
      }
    }
  }
  return out;
}
