// Helpers for the checker tests: run the data path on inline sources and look at what it says.
import { CATALOGUE, type Code } from '../../engine/diagnostics/catalogue.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';
import { buildBundle, type BundleResult } from '../../engine/pipeline.ts';

/** Parses, checks and compiles one inline scheme, as the file `<id>.scheda`. */
export function bundleOf(text: string, id = 't'): BundleResult {
  return buildBundle([{ id, file: `${id}.scheda`, text }]);
}

/** Advisory notes every small test scheme would draw; they have tests of their own. */
export const ADVISORY = new Set(['unused-input', 'file-name-mismatch']);

export function diagnosticsOf(text: string, id = 't'): Diagnostic[] {
  return bundleOf(text, id).diagnostics.filter((d) => !ADVISORY.has(d.code));
}

/** Several inline schemes as one folder: `{ alfa: text, beta: text }`. */
export function diagnosticsOfBundle(files: Record<string, string>): Diagnostic[] {
  return buildBundle(Object.entries(files).map(([id, text]) => ({ id, file: `${id}.scheda`, text }))).diagnostics.filter((d) => !ADVISORY.has(d.code));
}

/** The source text a diagnostic points at: from its column to its end column on its first line. */
export function pointedText(text: string, d: Diagnostic): string {
  const line = text.split('\n')[d.span.line - 1] ?? '';
  const end = d.span.endLine === d.span.line ? d.span.endCol : line.length;
  return line.slice(d.span.col - 1, end);
}

export const where = (d: Diagnostic) => `${d.span.line}:${d.span.col}`;

/** A regular expression matching the messages a catalogue template can produce. */
export function templateRegex(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'));
  return new RegExp('^' + parts.join('[^]*?') + '$');
}

export function messageMatches(d: Diagnostic, lang: 'it' | 'en'): boolean {
  const e = CATALOGUE[d.code as Code] as { it: string; en: string };
  return templateRegex(lang === 'it' ? e.it : e.en).test(d.message);
}
