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
  headTrailing?: string; // a comment at the end of its first line, when that is not its last (a `fonte` line follows)
  open?: string; // a block's: the comment right after its `{`
  closing?: string[]; // a block's: comments after its last row, before its `}`
  variants?: Variant[]; // `variante nome "etichetta": expr`: alternative readings of the declaration's expression
}

/** `variante nome "etichetta": expr` / `variant name "label": expr` under a declaration: the expression it has in
 *  the named reading. Names are bundle-wide: selecting one switches every declaration that carries it. */
export interface Variant extends Node {
  kind: 'variant';
  name: Ident;
  label?: string;
  expr: Expr;
}

/**
 * A table inside an example (a population example): `persone { … }` (persons' inputs), `unità { … }` (the units'
 * inputs), `tabella T { … }` (rows of an input table), `atteso per persona { … }` and `atteso per X { … }` (expected
 * values per person, per unit). `columns` are paths (`progetti.premio`); each row has one cell per column.
 */
export interface ExampleTable extends Node {
  kind: 'exampleTable';
  role: 'persons' | 'units' | 'table' | 'expectPersons' | 'expectUnits';
  name?: Ident; // the table (role table) or the unit (role expectUnits)
  columns: Ident[][];
  rows: ExampleRow[];
  meta: Meta;
}

export interface ExampleRow extends Node {
  kind: 'exampleRow';
  cells: Expr[];
  meta: Meta;
}

export type UnitName = 'punti' | 'euro' | 'percentuale' | 'giorni' | 'mesi' | 'ore' | 'numero' | 'intero';

export interface Quantity extends Node {
  kind: 'quantity';
  value: string; // canonical decimal string, e.g. "1500.00", "0.42" for 42%
  text: string; // digits as written, canonical form with '.' decimal point and no grouping, e.g. "42" for 42%
  unit: UnitName | null; // percentuale for a `%` literal
}

export type TypeRef =
  | { kind: 'num'; unit: UnitName; min?: Quantity; max?: Quantity; whole?: boolean }
  | { kind: 'bool' }
  | { kind: 'text' }
  | { kind: 'date' } // `data` / `date`: a calendar day
  | { kind: 'enum'; values: Ident[]; span?: Span } // span: the `uno_tra` that declares the values
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
  /** `facoltativo predefinito <valore>` / `optional default <value>`: an empty or missing cell reads this constant */
  default?: Expr;
  /** `solo se <cond>` / `only if <cond>`: the field belongs to the records for which cond holds (required there, empty elsewhere) */
  onlyIf?: Expr;
}

/** `calcola c = expr` inside a table's block: a column computed on each row from the row's columns. */
export interface ComputedColumn extends Node {
  kind: 'computedColumn';
  name: Ident;
  label?: string;
  expr: Expr;
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
  // `data 31/12/2024` / `date 2024-12-31`: value is the ISO day; '' when the text (kept then) is no day (the checker says so)
  | { kind: 'date'; value: string; text?: string; span: Span }
  | { kind: 'ref'; path: Ident[]; span: Span }
  | { kind: 'builtin'; name: 'totale' | 'ammesso'; span: Span }
  | { kind: 'unary'; op: '-' | 'non'; arg: Expr; span: Span }
  | { kind: 'binary'; op: CmpOp; left: Expr; right: Expr; span: Span } // a comparison
  // operators of one precedence level (+ -, * /, e, o), left to right: args[0] ops[0] args[1] ops[1] args[2] …
  // (flat, so that a sum of thousands of terms is no deeper than a sum of two)
  | { kind: 'chain'; ops: ChainOp[]; args: Expr[]; span: Span }
  // se c1 allora t1 altrimenti se c2 allora t2 … altrimenti e: the else-if chain flat, like the sum
  | { kind: 'if'; branches: IfBranch[]; else: Expr; span: Span }
  | { kind: 'call'; fn: Ident; args: Expr[]; where?: Expr; otherwise?: Expr; units?: UnitSplit; span: Span } // otherwise: `media(x dove c; altrimenti 0 €)`, the value of an aggregate over no rows; units: `ripartisci(…) tra settore secondo w`
  | { kind: 'in'; arg: Expr; set: Expr[]; negated: boolean; setName?: Ident; span: Span } // setName: `x in dirigenziali` (a named `insieme`; set is then [])
  | { kind: 'lookup'; table: Ident; key: Expr; column: Ident; span: Span } // T[chiave].colonna: the row of keyed table T
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'scale'; subject: Expr; rows: ScaleRow[]; open?: string; closing?: string[]; span: Span } // comments after its `{`, before its `}`
  | { kind: 'best'; share: Quantity; by: Expr; within?: Ident; among?: Expr; rounding: 'eccesso' | 'difetto' | 'vicino'; span: Span }
  // sia x = valore; corpo / let x = value, body: a local name, read in the body (and in later `sia`)
  | { kind: 'let'; name: Ident; value: Expr; body: Expr; span: Span };

/** `ripartisci(pot; peso) tra settore secondo peso_settore [parità ordine | parità secondo campo [de]crescente]`:
 * the pot split among the units by `weight` (a unit-level value), then within each unit among its persons. */
export interface UnitSplit {
  unit: Ident;
  weight: Expr;
  ties?: { kind: 'order'; word: Ident } | { kind: 'by'; key: Ident; dir: 'crescente' | 'decrescente' };
  span: Span;
}

export type ChainOp = '+' | '-' | '*' | '/' | 'e' | 'o';
export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type BinOp = ChainOp | CmpOp;

export interface IfBranch {
  cond: Expr;
  then: Expr;
}

/** The precedence level of a chain's operators: a chain holds operators of one level only. */
export function chainLevel(op: ChainOp): 'or' | 'and' | 'add' | 'mul' {
  return op === 'o' ? 'or' : op === 'e' ? 'and' : op === '+' || op === '-' ? 'add' : 'mul';
}

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
  | { kind: 'table'; name: Ident; level: Level; label?: string; fields: Field[]; computed?: ComputedColumn[]; span: Span; meta: Meta }
  | { kind: 'set'; name: Ident; label?: string; items: Expr[]; span: Span; meta: Meta } // insieme s = [a; b] / set s = [a, b]
  | { kind: 'value'; name: Ident; level: Level; label?: string; expr: Expr; type?: TypeRef; span: Span; meta: Meta } // type: `calcola area: uno_tra(…) = …`, a computed category
  | FunctionDecl
  | { kind: 'total'; max: Quantity; min?: Quantity; rounding?: TotalRounding; span: Span; meta: Meta }
  | { kind: 'section'; name: Ident; label?: string; max: Quantity; maxBy?: Expr; items: Item[]; span: Span; meta: Meta } // maxBy: see Item
  | Item
  | { kind: 'gate'; name: Ident; label?: string; cond: Expr; waiver?: Expr; entity?: boolean; span: Span; meta: Meta } // entity: `requisito ente`, one condition for the whole scheme
  | { kind: 'penalty'; name: Ident; label?: string; max?: Quantity; expr: Expr; span: Span; meta: Meta }
  | { kind: 'reduction'; name: Ident; label?: string; expr: Expr; span: Span; meta: Meta }
  | { kind: 'bands'; name: Ident; label?: string; subject: Expr; rows: ScaleRow[]; span: Span; meta: Meta }
  | { kind: 'constraint'; label?: string; cond: Expr; per?: Ident | 'persona'; severity?: Ident; span: Span; meta: Meta } // per: checked for each person, unit or table row; severity: avviso/warning
  | { kind: 'fund'; name: Ident; label?: string; amount: Expr; allocation?: Ident; paid: Expr; paidMeta?: Meta; paidName?: Ident; paidLabel?: string; tiers?: PaidTier[]; remainders: Remainder[]; span: Span; meta: Meta } // paidMeta: comments of the `pagato` line; paidName/paidLabel: the first tier's name; tiers: further `pagato` lines
  | { kind: 'ties'; keys: OrderKey[]; span: Span; meta: Meta }
  | { kind: 'report'; name: Ident; label?: string; per?: Ident; across?: Ident; rows: ReportRow[]; span: Span; meta: Meta } // per: one row per row of an entity table; across: a two-way table (`per settore e fascia`)
  | { kind: 'example'; label: string; given: Assign[]; expected: Assign[]; tables?: ExampleTable[]; variant?: Ident; everyVariant?: boolean; span: Span; meta: Meta }; // variant: runs under that reading only; everyVariant: under the main reading and every variant

/** `funzione f(a: euro; b: numero) = expr`: a pure function of its parameters, inlined where it is called. */
export interface FunctionDecl extends Node {
  kind: 'function';
  name: Ident;
  params: { name: Ident; type: TypeRef }[];
  result?: TypeRef; // `funzione f(…): uno_tra(…) = …`
  label?: string;
  expr: Expr;
  meta: Meta;
}

/** `arrotondando [per eccesso|difetto|vicino] a N decimali` on the total: bands on the total see the rounded value. */
export interface TotalRounding {
  places: Quantity;
  mode: 'eccesso' | 'difetto' | 'vicino';
  word: Ident; // `decimali` / `decimals`, as written (checked)
  span: Span;
}

/** A further `pagato nome "etichetta": expr` line of a fund: one payment tier, shown apart in its accounting. */
export interface PaidTier extends Node {
  kind: 'paidTier';
  name: Ident;
  label?: string;
  expr: Expr;
  meta: Meta;
}

export interface Item extends Node {
  kind: 'item';
  name: Ident;
  label?: string;
  max: Quantity; // with maxBy: a placeholder (0) at the expression
  /** `max (se categoria = D allora 40 punti altrimenti 30 punti)`: a maximum that depends on the person's inputs */
  maxBy?: Expr;
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

/** The sub-expressions of an expression, in source order. */
export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'chain': return e.args;
    case 'if': return [...e.branches.flatMap((b) => [b.cond, b.then]), e.else];
    case 'call': return [...e.args, ...(e.where ? [e.where] : []), ...(e.otherwise ? [e.otherwise] : []), ...(e.units ? [e.units.weight] : [])];
    case 'in': return [e.arg, ...e.set];
    case 'lookup': return [e.key];
    case 'list': return e.items;
    case 'scale': return [e.subject, ...e.rows.map((r) => r.value)];
    case 'best': return e.among ? [e.by, e.among] : [e.by];
    case 'let': return [e.value, e.body];
    default: return [];
  }
}

export function isItem(d: Decl): d is Item {
  return d.kind === 'item';
}
