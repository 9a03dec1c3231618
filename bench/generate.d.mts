// Types of bench/generate.mjs (plain JS, run by node without a build step).
export function rng(seed: number): () => number;
export function generate(dir: string, options: { persons: number; seed?: number; bodySize?: number; sectorsPerBody?: number }): Promise<{ persons: number; bodies: number; sectors: number; fund: string }>;
