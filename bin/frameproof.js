#!/usr/bin/env node
// The installed `frameproof` command: the bundled CLI (npm run build writes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/electron/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('frameproof: the CLI is not built yet. Run `npm run build` in the Frameproof folder first.\n');
  process.exit(2);
}
await import(cli);
