import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The browser editor: editor/index.html → dist/editor/ (served by `scheda editor`). Workers are separate
// files from the same origin (no blob:, no eval), so the server's Content-Security-Policy stays strict.
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root: here,
  base: './',
  resolve: { alias: { 'monaco-esm': here + '../node_modules/monaco-editor/esm/vs' } },
  logLevel: 'warn',
  build: {
    outDir: here + '../dist/editor',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
