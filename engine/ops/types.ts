// One entry of the operation registry (registry.ts): everything scheda knows about one IR operation, in one
// place. A built-in function of the language (`somma` / `sum`) has its names, its arity, its type and unit
// rule (used by the checker) and its mapping from a call to IR (used by the compiler); every operation has
// its IR shape (the IR schema's whitelist is generated from the registry), whether the constraint folder
// can decide it at compile time, and its reference evaluation over exact decimals (decimal.js).
import type * as A from '../syntax/ast.ts';
import type { Typed } from '../check/expr-base.ts';
import type { LevelName, Ty } from '../check/types.ts';
import type { Code } from '../diagnostics/catalogue.ts';
import type { JL } from '../compile/ir.ts';
import type { Env, Evaluator } from '../run/evaluate.ts';
import type { V } from '../run/population.ts';

export type CallExpr = Extract<A.Expr, { kind: 'call' }>;

/** A reference evaluation: the evaluator, the operation's argument as the IR holds it, the environment. */
export type Op = (ev: Evaluator, a: any, env: Env) => V;

/** The families of operations. `aggregate`: over the persons, units, rows of a table or elements of a list
 *  (the checker finds the domain, the compiler writes `over`); `scalar`: a function of its arguments. */
export type Family = 'aggregate' | 'scalar' | 'value' | 'operator' | 'form' | 'population' | 'date';

/** How a built-in function is called, for the checker's generic part. `aggregate2`: an aggregate of two
 *  arguments (a weighted mean); the other kinds are the functions not yet in the registry (keywords.ts). */
export type FunctionKind = 'aggregate' | 'aggregate2' | 'scalar';

/** What a type rule may ask of the checker. */
export interface CheckHost {
  readonly lang: 'it' | 'en';
  err(code: Code, span: A.Span, args?: Record<string, string | number>): void;
  want(ty: Ty, w: Ty, span: A.Span): void;
  wantNum(ty: Ty, span: A.Span): void;
  unify(a: Ty, b: Ty, span: A.Span, op: string): Ty;
  compatible(a: Ty, b: Ty, span: A.Span, op: string): boolean;
}

/** A call being typed: its arguments already checked, and the level they give (the finest of theirs, or the
 *  aggregate's level). */
export interface Checking {
  host: CheckHost;
  call: CallExpr;
  args: Typed[];
  level: LevelName;
}

/** What the compiler lends to an entry's mapping from a call to IR. */
export interface CompileHost {
  c(e: A.Expr): JL;
  /** an aggregate's rows, as the checker resolved them: `{persons: 'ente'|'unit'}`, `{units: true}`, `{table}`, `{list}` */
  over(e: CallExpr): Record<string, string | boolean>;
}

/** A fragment of JSON Schema (draft 2020-12); `{$ref: '#/$defs/expr'}` is a sub-expression. */
export type Shape = Record<string, unknown>;

export interface OpEntry {
  /** the operation's key in the IR (`{"sum": …}`) */
  op: string;
  family: Family;
  /** its names as a built-in function of the language, Italian and English (none: the IR only, or syntax) */
  names?: { it: string; en: string };
  kind?: FunctionKind;
  /** how many arguments a call takes, at least and at most */
  arity?: readonly [number, number];
  /** the type and unit of a call (may report diagnostics through the host) */
  type?: (c: Checking) => Typed;
  /** aggregates: the value over no rows when fixed (`0` for a count or a sum); without it an aggregate
   *  over no rows is an error unless the call states its value (`media(x; altrimenti 0 €)`) */
  noRows?: string;
  /** the IR of a call */
  compile?: (h: CompileHost, e: CallExpr) => JL;
  /** the IR shape of the operation's argument (JSON Schema) */
  shape: Shape;
  /** can the constraint folder decide it at compile time? False for what reads data (inputs, other
   *  persons, aggregates, allocations) */
  folds: boolean;
  /** the reference evaluation (undefined: still in engine/run/operations.ts, see registry.ts) */
  evaluate?: Op;
  /** the compiled form (the compiled evaluator's); optional */
  compiled?: unknown;
}

// ---- IR shapes: the building blocks of the schema fragments ----

export const NAME: Shape = { type: 'string', pattern: '^[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*$' };
export const DECIMAL: Shape = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
export const EXPR: Shape = { $ref: '#/$defs/expr' };
export const EXPRS: Shape = { type: 'array', items: EXPR };

/** An object with exactly these properties (source positions `line`, `col` optional). */
export const obj = (props: Record<string, unknown>, required = Object.keys(props).filter((k) => k !== 'line' && k !== 'col')): Shape => ({ type: 'object', additionalProperties: false, required, properties: props });
