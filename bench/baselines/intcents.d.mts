// Types of bench/baselines/intcents.mjs.
export interface IntData { n: number; keys: string[]; sectors: string[]; cols: Record<string, ArrayLike<number>>; fund: number }
export type IntResults = Record<'vincitore' | 'premioBase' | 'trBil' | 'redistribuzione' | 'trSanz' | 'maggiorazione' | 'premio', ArrayLike<number>>;
export function hundredths(s: string): number;
export function mulDivHalfUp(a: number, b: number, c: number): number;
export function read(dir: string): Promise<IntData>;
export function compute(data: IntData): IntResults;
export function write(file: string, data: IntData, results: IntResults): Promise<void>;
