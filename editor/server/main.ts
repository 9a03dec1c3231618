// `scheda editor [rules-dir] [--port N]`: starts the editor's local server and prints its address.
import { Command, CommanderError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { startEditorServer } from './server.ts';

export { startEditorServer }; // for bench/editor.bench.mjs

export async function main(argv: string[], staticDir: string): Promise<number> {
  const p = new Command('scheda editor')
    .description("l'editor nel browser, su 127.0.0.1 / the browser editor, on 127.0.0.1")
    .argument('[rules-dir]', 'la cartella delle schede / the rules folder', 'rules')
    .option('--port <n>', 'porta (0: una libera) / port (0: a free one)', '0')
    .option('--data <dir>', "i dati d'esempio per l'anteprima (cartelle ente-anno; predefinita: data accanto alle schede) / the sample data for the preview (body-year folders; default: data beside the rules)")
    .exitOverride();
  try {
    p.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const dir = p.args[0] ?? 'rules';
  const port = Number(p.opts().port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`scheda editor: porta non valida / bad port «${p.opts().port}»\n`);
    return 2;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`scheda editor: «${dir}» non è una cartella / is not a folder\n`);
    return 2;
  }
  let s;
  try {
    s = await startEditorServer({ rulesDir: dir, staticDir, port, dataDir: p.opts().data as string | undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`scheda editor: ${code === 'EADDRINUSE' ? `porta ${port} già in uso / port ${port} already in use` : (e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`scheda editor: ${s.url}  (cartella / folder ${dir}; Ctrl+C per chiudere / to stop)\n`);
  await new Promise<void>((ok) => {
    const stop = () => void s.close().then(ok);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
