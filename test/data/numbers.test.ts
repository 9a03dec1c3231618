import { describe, expect, it } from 'vitest';
import { convert, parseNumber } from '../../engine/data/convert.ts';

const num = (unit: string) => ({ base: 'num' as const, unit });
const ok = (v: unknown) => (v as { ok: boolean; value?: { toFixed(): string } }).ok ? (v as { value: { toFixed(): string } }).value.toFixed() : 'ERR';

describe('numbers in HR exports', () => {
  it.each([
    ['1.499,50', '1499.50'], ['1499,50', '1499.50'], ['1,499.50', '1499.50'], ['1499.50', '1499.50'],
    ['11.666.146,58', '11666146.58'], ['1.000.000', '1000000'], ['1,000,000', '1000000'], ['€ 1.234,56', '1234.56'],
    ['18,5', '18.5'], ['3.125', null], ['12', '12'], ['-7,25', '-7.25'],
  ])('reads %s the same whatever the scheme\'s language', (text, expected) => {
    const r = parseNumber(text);
    if (expected === null) expect(r).toEqual({ ambiguous: true });
    else expect(r).toBe(expected);
  });

  it('refuses a number that reads two ways (1.500: thousands or three decimals?) with a plain message', () => {
    const r = convert('1.500', num('euro'), 'it');
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toMatch(/si legge in due modi/);
  });

  it('reads percentages in points, and refuses 0 < x ≤ 1 without a % sign as ambiguous', () => {
    expect(ok(convert('90', num('percentuale'), 'it'))).toBe('0.9');
    expect(ok(convert('90%', num('percentuale'), 'it'))).toBe('0.9');
    expect(ok(convert('0,5%', num('percentuale'), 'it'))).toBe('0.005');
    expect(ok(convert('0', num('percentuale'), 'it'))).toBe('0');
    expect(convert('0,5', num('percentuale'), 'it').ok).toBe(false);
    expect(convert(0.88, num('percentuale'), 'en').ok).toBe(false);
  });

  it('takes native numbers from Excel and JSON as they are', () => {
    expect(ok(convert(1234.5, num('euro'), 'it'))).toBe('1234.5');
    expect(ok(convert(3.125, num('numero'), 'it'))).toBe('3.125');
  });
});

describe('rows that belong to nobody', () => {
  it('refuses a per-person table row for a person not in the persons file, and a name twice in ente.csv', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { buildBundle } = await import('../../engine/pipeline.ts');
    const { runYear } = await import('../../engine/run/year.ts');
    const text = 'scheda t anno 2025 lingua it\ndati ente {\n  tetto: euro\n}\ndati persona {\n  matricola: testo chiave\n}\ntabella assenze per persona {\n  matricola: testo\n  durata: giorni\n}\ncalcola giorni_assenza = somma(assenze.durata)\n';
    const b = buildBundle([{ id: 't', file: 't.scheda', text }]);
    const dir = mkdtempSync(join(tmpdir(), 'scheda-nobody-'));
    writeFileSync(join(dir, 'ente.csv'), 'nome;valore\ntetto;100\ntetto;200\n');
    writeFileSync(join(dir, 't-persone.csv'), 'matricola\nA1\n');
    writeFileSync(join(dir, 't-assenze.csv'), 'matricola;durata\nA1;3\nB9;4\n');
    const r = await runYear(b.irs, b.checked!.order, dir);
    expect(r.ok).toBe(false);
    const errs = (r as { dataErrors: { file: string; line?: number; column?: string }[] }).dataErrors.map((e) => `${e.file}:${e.line}:${e.column}`);
    expect(errs).toEqual(['ente.csv:3:nome', 't-assenze.csv:3:matricola']);
  });
});
