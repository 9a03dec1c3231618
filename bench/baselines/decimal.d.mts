// Types of bench/baselines/decimal.mjs.
export interface DecimalData { persons: object[]; sectors: string[]; fund: unknown }
export function read(dir: string): Promise<DecimalData>;
export function compute(data: DecimalData): object[];
export function write(file: string, persons: object[]): Promise<void>;
