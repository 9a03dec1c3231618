// scheda render: a named variant is printed beside the reading adopted, and local names keep their
// separator when a formula is written on one line.
import { describe, expect, it } from 'vitest';
import { schemeBlocks } from '../../engine/review/render.ts';
import { parse } from '../../engine/syntax/index.ts';

const EN = `scheme t year 2025 language en
inputs person {
  id: text key
  days: days
  pay: euro
}
compute months =
  let whole = quotient(days, 30 days),
  whole + (if remainder(days, 30 days) >= 15 days then 1 else 0)
  source "Art. 4"
  note "Half a month is 15 days."
  variant strict "More than 15 days": quotient(days, 30 days) + (if remainder(days, 30 days) > 15 days then 1 else 0)
`;

describe('render and named variants', () => {
  it('prints each variant of a rule with its name, label and expression, and local names on one line', () => {
    const r = parse(EN, 't.scheda');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = schemeBlocks({ file: 't.scheda', ast: r.ast }, []).map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('sia whole = quoziente(days; 30 giorni); whole + (se resto(days; 30 giorni) >= 15 giorni allora 1 altrimenti 0)');
    expect(text).toContain('Lettura alternativa, variante «strict» («More than 15 days»): quoziente(days; 30 giorni) + (se resto(days; 30 giorni) > 15 giorni allora 1 altrimenti 0).');
    expect(text).not.toContain(';;');
  });
});
