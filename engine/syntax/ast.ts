// The AST: plain, JSON-serialisable objects with a `kind` tag and a source span on every node.
// It is the same for both keyword sets; the formatter prints it in either language.

export interface Span {
  line: number; // 1-based
  col: number; // 1-based
  endLine: number;
  endCol: number; // 1-based, inclusive of the last character
  offset: number;
  endOffset: number; // exclusive
}

export interface Node {
  kind: string;
  span: Span;
}

export interface Meta {
  sources: string[]; // `fonte "…"`: legal or documentary source
  notes: string[]; // `nota "…"`: the reading chosen for an ambiguity
  comments: string[]; // leading `#` comments, without the `#`
  trailing?: string; // a comment on the same line as the declaration's end
}

export type UnitName = 'punti' | 'euro' | 'percentuale' | 'giorni' | 'mesi' | 'numero' | 'intero';

export interface Quantity extends Node {
  kind: 'quantity';
  value: string; // canonical decimal string, e.g. "1500.00", "0.42" for 42%
  text: string; // digits as written, canonical form with '.' decimal point and no grouping, e.g. "42" for 42%
  unit: UnitName | null; // percentuale for a `%` literal
}

export type TypeRef =
  | { kind: 'num'; unit: UnitName; min?: Quantity; max?: Quantity }
  | { kind: 'bool' }
  | { kind: 'text' }
  | { kind: 'enum'; values: Ident[] }
  | { kind: 'list'; of: TypeRef }
  | { kind: 'unitref'; name: Ident };

export interface Ident extends Node {
  kind: 'ident';
  name: string;
}

export interface Field extends Node {
  kind: 'field';
  name: Ident;
  type: TypeRef;
  isKey: boolean;
  label?: string;
  meta: Meta;
}

export type Level = { kind: 'ente' } | { kind: 'persona' } | { kind: 'unit'; name: Ident };

export type Interval =
  | { kind: 'range'; lo?: Quantity; loIncl: boolean; hi?: Quantity; hiIncl: boolean; span: Span }
  | { kind: 'label'; label: Ident; span: Span }
  | { kind: 'otherwise'; span: Span };

export interface ScaleRow extends Node {
  kind: 'scaleRow';
  name?: Ident; // bands have names
  label?: string;
  when: Interval;
  value: Expr;
  meta: Meta;
}

export type Expr =
  | Quantity
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'ref'; path: Ident[]; span: Span }
  | { kind: 'builtin'; name: 'totale' | 'ammesso'; span: Span }
  | { kind: 'unary'; op: '-' | 'non'; arg: Expr; span: Span }
  | { kind: 'binary'; op: BinOp; left: Expr; right: Expr; span: Span }
  | { kind: 'if'; cond: Expr; then: Expr; else: Expr; span: Span }
  | { kind: 'call'; fn: Ident; args: Expr[]; where?: Expr; span: Span }
  | { kind: 'in'; arg: Expr; set: Expr[]; negated: boolean; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'scale'; subject: Expr; rows: ScaleRow[]; span: Span }
  | { kind: 'best'; share: Quantity; by: Expr; within?: Ident; among?: Expr; rounding: 'eccesso' | 'difetto' | 'vicino'; span: Span };

export type BinOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'e' | 'o';

export interface OrderKey {
  expr: Ident;
  dir: 'crescente' | 'decrescente';
  span: Span;
}

export type Decl =
  | { kind: 'entity'; name: string; span: Span; meta: Meta }
  | { kind: 'source'; text: string; span: Span; meta: Meta }
  | { kind: 'unitDecl'; name: Ident; label?: string; span: Span; meta: Meta }
  | { kind: 'uses'; scheme: Ident; span: Span; meta: Meta }
  | { kind: 'inputs'; level: Level; fields: Field[]; span: Span; meta: Meta }
  | { kind: 'table'; name: Ident; level: Level; label?: string; fields: Field[]; span: Span; meta: Meta }
  | { kind: 'value'; name: Ident; level: Level; label?: string; expr: Expr; span: Span; meta: Meta }
  | { kind: 'total'; max: Quantity; min?: Quantity; span: Span; meta: Meta }
  | { kind: 'section'; name: Ident; label?: string; max: Quantity; items: Item[]; span: Span; meta: Meta }
  | Item
  | { kind: 'gate'; name: Ident; label?: string; cond: Expr; waiver?: Expr; span: Span; meta: Meta }
  | { kind: 'penalty'; name: Ident; label?: string; max?: Quantity; expr: Expr; span: Span; meta: Meta }
  | { kind: 'reduction'; name: Ident; label?: string; expr: Expr; span: Span; meta: Meta }
  | { kind: 'bands'; name: Ident; label?: string; subject: Expr; rows: ScaleRow[]; span: Span; meta: Meta }
  | { kind: 'constraint'; label?: string; cond: Expr; span: Span; meta: Meta }
  | { kind: 'fund'; name: Ident; label?: string; amount: Expr; paid: Expr; remainders: Remainder[]; span: Span; meta: Meta }
  | { kind: 'ties'; keys: OrderKey[]; span: Span; meta: Meta }
  | { kind: 'report'; name: Ident; label?: string; per?: Ident; rows: ReportRow[]; span: Span; meta: Meta } // per: one row per row of an entity table
  | { kind: 'example'; label: string; given: Assign[]; expected: Assign[]; span: Span; meta: Meta };

export interface Item extends Node {
  kind: 'item';
  name: Ident;
  label?: string;
  max: Quantity;
  weight?: Quantity;
  clamped: boolean;
  expr: Expr;
  meta: Meta;
}

export interface Remainder extends Node {
  kind: 'remainder';
  name: Ident;
  label?: string;
  expr: Expr;
  meta: Meta;
}

export interface ReportRow extends Node {
  kind: 'reportRow';
  name: Ident;
  label?: string;
  expr: Expr;
  meta: Meta;
}

export interface Assign extends Node {
  kind: 'assign';
  path: Ident[];
  value: Expr;
  meta: Meta;
}

export interface SchemeFile extends Node {
  kind: 'scheme';
  name: Ident;
  title?: string;
  year: Quantity;
  lang: 'it' | 'en';
  decls: Decl[];
  meta: Meta; // comments before the header
  trailingComments: string[]; // comments after the last declaration
}

export const emptyMeta = (): Meta => ({ sources: [], notes: [], comments: [] });

export function isItem(d: Decl): d is Item {
  return d.kind === 'item';
}
