// The operation registry: one entry per IR operation (types.ts says what an entry holds), looked up in Maps,
// never in plain objects, so that a name from a scheme or from unvalidated IR (`constructor`, `__proto__`,
// `toString`) is no operation. The checker, the compiler, the constraint folder, the evaluator's table and the
// IR schema generator (schemas/make-ir-schema.mjs) read it. Adding an operation: one entry in its family's
// module (aggregates.ts, scalar.ts), plus its tests; see the README, «Adding an operation».
import { AGGREGATE_OPS } from './aggregates.ts';
import { DATE_IR_OPS, FORM_OPS, OPERATOR_OPS, POPULATION_OPS, VALUE_OPS } from './others.ts';
import { ROUNDING_OPS, SCALAR_OPS } from './scalar.ts';
import type { OpEntry } from './types.ts';

export type { OpEntry } from './types.ts';

export class Registry {
  private readonly byOp = new Map<string, OpEntry>();
  private readonly byWord = { it: new Map<string, OpEntry>(), en: new Map<string, OpEntry>() };

  constructor(entries: Iterable<OpEntry> = []) {
    for (const e of entries) this.add(e);
  }

  /** Adds an operation; its IR key and its names must be new. */
  add(e: OpEntry): this {
    if (this.byOp.has(e.op)) throw new Error(`operation «${e.op}» is already in the registry`);
    for (const lang of ['it', 'en'] as const) {
      const w = e.names?.[lang];
      if (w !== undefined && this.byWord[lang].has(w)) throw new Error(`the function name «${w}» is already taken`);
    }
    if (e.names && (!e.kind || !e.arity || !e.type || !e.compile)) throw new Error(`the function «${e.names.it}» needs a kind, an arity, a type rule and a mapping to IR`);
    this.byOp.set(e.op, e);
    if (e.names) {
      this.byWord.it.set(e.names.it, e);
      this.byWord.en.set(e.names.en, e);
    }
    return this;
  }

  /** The operation with this IR key. */
  get(op: string): OpEntry | undefined {
    return this.byOp.get(op);
  }

  has(op: string): boolean {
    return this.byOp.has(op);
  }

  /** The built-in function named `w` in `lang`. */
  byName(w: string, lang: 'it' | 'en'): OpEntry | undefined {
    return this.byWord[lang].get(w);
  }

  /** Every operation, in registration order. */
  entries(): OpEntry[] {
    return [...this.byOp.values()];
  }

  /** The built-in functions, in registration order. */
  functions(): OpEntry[] {
    return [...this.byWord.it.values()];
  }

  /** The IR keys of the operations the constraint folder cannot decide at compile time. */
  dataOps(): Set<string> {
    return (this.data ??= new Set(this.entries().filter((e) => !e.folds).map((e) => e.op)));
  }
  private data?: Set<string>;

  /** A copy, to extend without touching this one (a test's registry). */
  copy(): Registry {
    return new Registry(this.byOp.values());
  }
}

/** The operations of scheda: the order is the schema's and the language reference's. */
export const REGISTRY = new Registry([
  ...VALUE_OPS, ...OPERATOR_OPS, ...AGGREGATE_OPS, ...SCALAR_OPS, ...ROUNDING_OPS, ...FORM_OPS, ...POPULATION_OPS, ...DATE_IR_OPS,
]);

let active: Registry = REGISTRY;

/** The registry the checker, compiler, folder and evaluator read: `REGISTRY`, unless a test runs with its own. */
export function ops(): Registry {
  return active;
}

/** Runs `f` with `r` as the registry (a test's copy with an operation added); the real one is left alone.
 *  An async `f` keeps `r` until its promise settles (do not run two at once). */
export function withRegistry<T>(r: Registry, f: () => T): T {
  const saved = active;
  active = r;
  let pending = false;
  try {
    const out = f();
    if (out instanceof Promise) {
      pending = true;
      return out.finally(() => {
        active = saved;
      }) as T;
    }
    return out;
  } finally {
    if (!pending) active = saved;
  }
}
