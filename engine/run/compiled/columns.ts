// Where the compiled evaluator keeps computed values: one column per declaration, indexed by person (or by
// unit, or a single slot for the entity). The representation is behind this small interface so that a
// column of money or points could later hold scaled integers (issue 11.2) without touching the plan.
import type { V } from '../population.ts';

export interface ValueColumn {
  readonly length: number;
  /** the value at row i, or undefined when not computed yet */
  get(i: number): V | undefined;
  set(i: number, v: V | undefined): void;
}

/** A column of boxed values (decimal.js decimals, booleans, texts, lists), grown on demand. */
export class BoxedColumn implements ValueColumn {
  private a: (V | undefined)[];
  constructor(n: number) {
    this.a = new Array<V | undefined>(n);
  }
  get length(): number {
    return this.a.length;
  }
  get(i: number): V | undefined {
    return this.a[i];
  }
  set(i: number, v: V | undefined): void {
    this.a[i] = v;
  }
}
