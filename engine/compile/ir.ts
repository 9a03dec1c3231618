// The IR: one JSON document per scheme, the rules as data. Expressions are JsonLogic objects with a
// whitelisted set of operations (schemas/ir.schema.json); numbers are decimal strings in {"dec": "…"}.

export type JL =
  | boolean
  | string
  | { dec: string }
  | { var: string } // persona.x, ente.x, unit.x (inputs), riga.T.x (column x of the current row of table T, input or computed), elemento (list element)
  // { lookup: { table, key, column } }: column of the row of keyed entity table `table` whose key is `key`
  | { val: string } // a value computed by this scheme
  | { ext: [string, string] } // a value computed by a used scheme
  | { [op: string]: unknown };

export type IrLevel = 'ente' | 'unit' | 'persona';

/** A category of a two-way report: the unit (its codes, sorted), or a person's enumeration (labels in declared order). */
export type IrCategory = { kind: 'unit' } | { kind: 'input' | 'value'; name: string; values: string[] };

export interface IrType {
  base: 'num' | 'bool' | 'text' | 'enum' | 'list' | 'unitref' | 'date'; // date: a calendar day, held as its ISO text
  unit?: string; // a base unit, or a product of powers of them (`euro/punti`)
  whole?: boolean; // an input of whole numbers (`giorni interi`)
  min?: string;
  max?: string;
  values?: string[];
  of?: IrType;
}

export interface IrSource {
  sources?: string[];
  notes?: string[];
  line: number;
  col: number;
}

export interface IrInput extends IrSource {
  name: string;
  level: IrLevel;
  type: IrType;
  key?: boolean;
  label?: string;
  default?: JL; // optional: an empty or missing cell reads this constant
  onlyIf?: JL; // the field belongs to the records where this holds (required there, empty elsewhere)
  onlyIfText?: string; // the condition as written, for messages
}

export interface IrTable extends IrSource {
  name: string;
  level: IrLevel;
  label?: string;
  columns: IrInput[];
  computed?: { name: string; label?: string; expr: JL; type?: IrType }[]; // columns computed on each row
}

export type IrDeclKind = 'value' | 'section' | 'item' | 'penalty' | 'reduction' | 'gate' | 'bands' | 'total' | 'eligible' | 'report';

export interface IrDecl extends IrSource {
  name: string;
  kind: IrDeclKind;
  level: IrLevel;
  label?: string;
  expr: JL;
  max?: string;
  weight?: string; // an item's weight within its section (0.4 for 40%)
  section?: string;
  type?: IrType;
  functions?: string[]; // the scheme's functions its expression calls, inlined (for explain)
}

export interface IrFund extends IrSource {
  name: string;
  label?: string;
  amount: JL;
  paid: JL; // with tiers: their sum
  tiers?: { name: string; label?: string; expr: JL; line: number; col: number }[]; // named `pagato` lines, each accounted for apart
  remainders: { name: string; label?: string; expr: JL; line: number; col: number }[];
  allocation?: true; // an allocation, not a pot: spending above it is a warning, what is not spent stays unspent
}

export interface IrExample extends IrSource {
  label: string;
  given: { path: string[]; value: JL }[];
  expected: { path: string[]; value: JL; unit?: string; line: number; col: number }[]; // unit: of the expected literal
  variant?: string; // runs under this variant only
  every?: true; // runs under the main reading and under every variant
  tables?: IrExampleTable[]; // a population example: persons, units, table rows, expected values per person or unit
}

/** A table of a population example; expected cells carry the unit of their literal and their position. */
export interface IrExampleTable {
  role: 'persons' | 'units' | 'table' | 'expectPersons' | 'expectUnits';
  name?: string;
  columns: string[][];
  rows: { cells: { value: JL; unit?: string; line: number; col: number }[]; line: number; col: number }[];
  line: number;
  col: number;
}

/** What a named variant changes in this scheme: each declaration's expression in that reading. */
export interface IrVariant {
  name: string;
  label?: string;
  // target: a value, item, penalty, reduction or gate (`decl`), a fund's amount (`fund`), one of its remainders or paid tiers
  replace: { target: 'decl' | 'fund' | 'remainder' | 'tier'; name: string; fund?: string; expr: JL; line: number; col: number }[];
}

export interface IrScheme {
  ir: 'scheda-ir/1';
  id: string;
  file: string;
  title?: string;
  year: string;
  lang: 'it' | 'en';
  entity?: string;
  sources: string[];
  notes: string[];
  unit?: string;
  unitKey?: string;
  personKey?: string;
  personUnit?: string;
  uses: string[];
  inputs: IrInput[];
  tables: IrTable[];
  decls: IrDecl[];
  total?: { max: string; min?: string; round?: { places: string; mode: 'nearest' | 'up' | 'down' } }; // round: the total rounded before anything reads it
  ties: { name: string; dir: 'asc' | 'desc' }[];
  funds: IrFund[];
  reports: { name: string; label?: string; rows: string[]; per?: string; perUnit?: boolean; across?: string; twoWay?: { rows: IrCategory; cols: IrCategory }; columns?: { name: string; label?: string; expr: JL; type?: IrType }[]; line: number; col: number }[];
  // per: checked for each person, unit or row of `table` (else once, entity-wide); warning: reported, the run goes on
  constraints: { label?: string; expr: JL; per?: 'persona' | 'unit' | 'table'; table?: string; severity?: 'warning'; sources?: string[]; notes?: string[]; line: number; col: number }[];
  examples: IrExample[];
  variants?: IrVariant[]; // the named variants that change this scheme (the main reading is the rest of the document)
  variant?: { name: string; label?: string }; // set when the document was compiled under a variant
}
