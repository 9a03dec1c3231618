import type { Code } from '../diagnostics/catalogue.ts';

/** A rule cannot be computed on these data: carries a catalogue code and the rule it happened in. */
export class EvalError extends Error {
  /** Where the rule failed: the scope of the innermost value being computed (set once, where it was raised). */
  where?: { level: 'ente' } | { level: 'unit'; unit: string } | { level: 'persona'; p: number };
  constructor(public code: Code, public args: Record<string, string | number>, public rule?: string) {
    super(`${code} ${JSON.stringify(args)}`);
  }
}
