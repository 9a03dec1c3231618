// Types of scripts/build.mjs, for the TypeScript that imports it (test/editor).
export function bundle(entry?: string, out?: string): Promise<void>;
export function bundleEditorServer(): Promise<void>;
export function buildEditor(): Promise<void>;
