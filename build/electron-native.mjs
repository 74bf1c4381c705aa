// `npm start` runs the engine on Electron's own Node, whose native ABI differs from the Node that
// runs the CLI and the tests. better-sqlite3 (not N-API) needs a build for it: this makes one
// into .cache/electron-native/<electron version>/ once, leaving node_modules as they are, and
// main.ts points the engine at it. Packaged apps need none of this: electron-builder rebuilds.
// sharp and onnxruntime-node use N-API and load in both as they are.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const target = join('.cache', 'electron-native', electron, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electron} (once)…`);
const work = mkdtempSync(join(tmpdir(), 'frameproof-native-'));
try {
  cpSync('node_modules/better-sqlite3', join(work, 'better-sqlite3'), { recursive: true });
  const gyp = join(process.cwd(), 'node_modules', '.bin', process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp');
  const command = existsSync(gyp) ? gyp : 'node-gyp';
  execFileSync(command, ['rebuild', '--release', `--target=${electron}`, '--dist-url=https://electronjs.org/headers'], {
    cwd: join(work, 'better-sqlite3'),
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  mkdirSync(join('.cache', 'electron-native', electron), { recursive: true });
  cpSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
} finally {
  rmSync(work, { recursive: true, force: true });
}
