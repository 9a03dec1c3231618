// The language's stated limits. Past them scheda reports a diagnostic instead of running out of stack
// or printing without end: every pass that recurses over an expression does so at most MAX_NESTING
// levels deep, and long flat chains (sums, `e`/`o`, `altrimenti se …`) are read into flat nodes, so
// they have no limit but memory.

/**
 * How deeply expressions and blocks may nest. Each of these counts one level: a bracket ( [ {, a function
 * call, a `se … allora … altrimenti …` inside another (an `altrimenti se` continues the same one), `non`,
 * a minus sign, `scala`, `migliori`, and a division inside a product (`a * b / c` is `(a * b) / c`).
 * Real schemes nest fewer than ten levels; the parser needs about 150 to run out of stack.
 */
export const MAX_NESTING = 64;

/** Syntax errors reported per file before reading stops (the rest of the file is not read). */
export const MAX_SYNTAX_ERRORS = 100;

/** Diagnostics reported per file; past them one diagnostic says how many more there are. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/** Decimals `arrotonda`/`tronca` (round/truncate) may ask for: 0 … 20 (amounts need 2, scores a few). */
export const MAX_ROUND_DECIMALS = 20;
