// Writes schemas/ir.schema.json (or the file named as the first argument): the IR's layout and the whitelist
// of operations, generated from the operation registry (engine/ops/ir-schema.ts, engine/ops/registry.ts; read
// through tsx). Run `node schemas/make-ir-schema.mjs` after changing either (a test checks the file is up to date).
import { writeFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const { irSchemaOf } = await tsImport('../engine/ops/ir-schema.ts', import.meta.url);
const out = process.argv[2] ?? new URL('./ir.schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(irSchemaOf(), null, 2) + '\n');
