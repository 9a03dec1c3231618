// Types of bench/baselines/compare.mjs.
export function compareResults(schedaCsv: string, baselineCsv: string, name: string, options?: { show?: number; left?: string }): Promise<{ persons: number; disagreements: number; first: string[] }>;
