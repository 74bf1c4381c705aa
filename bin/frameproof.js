#!/usr/bin/env node
// The `frameproof` command: the bundled CLI (dist/electron/cli.js), so a start compiles nothing.
// In a source checkout (build/build.mjs is here) the bundle is rebuilt first when it is missing or
// any file it was built from (dist/electron/inputs.json) changed since: edits are never run stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/electron/cli.js`;
const buildScript = `${root}build/build.mjs`;

/** Why the bundle needs building, or undefined when it is current. */
function staleBecause() {
  if (!existsSync(cli)) return 'the CLI is not built yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(`${root}dist/electron/inputs.json`, 'utf8'));
  } catch {
    return 'the build has no list of its sources';
  }
  for (const source of stamp.sources) {
    const stats = statSync(`${root}${source}`, { throwIfNoEntry: false });
    if (!stats) return `${source} is gone`;
    if (stats.mtimeMs > stamp.builtAt) return `${source} changed`;
  }
  return undefined;
}

const reason = existsSync(buildScript) ? staleBecause() : undefined;
if (reason) {
  process.stderr.write(`frameproof: building the CLI first (${reason})...\n`);
  const built = spawnSync(process.execPath, [buildScript], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write(
      `frameproof: the build failed (${built.error?.message ?? `exit code ${built.status}`}). Run \`node build/build.mjs\` in ${root} to see why.\n`,
    );
    process.exit(2);
  }
}
if (!existsSync(cli)) {
  process.stderr.write('frameproof: the CLI is not built. Run `npm run build` in the Frameproof folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
