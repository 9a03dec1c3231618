// What a reader hands over for one cell. Numbers that come as numbers (JSON, Excel) arrive as their
// exact decimal text, never as a binary double; a value that cannot be a cell at all (an object in a
// JSON row, an Excel error such as #DIV/0!) arrives as `Unreadable` and is refused, with its file,
// row and column, when its column is read.

/** A number given as a number, held as its exact decimal text ("0.3", "1e3", "-12.50"). */
export class ExactNumber {
  /** excel: a number cell of a workbook (in a date column, a day serial); date1904: the workbook counts days from 1904 */
  constructor(readonly text: string, readonly excel?: { date1904: boolean }) {}
  toString(): string {
    return this.text;
  }
}

/** A value no column can take; `why` says what it was, in words for the operator. */
export class Unreadable {
  constructor(readonly why: string) {}
  toString(): string {
    return this.why;
  }
}

export type Cell = string | number | boolean | null | ExactNumber | Unreadable | Cell[];
