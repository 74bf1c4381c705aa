// Bundles the Node entry points into dist/electron: the CLI, the Electron main process, the
// engine's utility process, and the preload (CommonJS: a sandboxed preload cannot load ESM).
// Native modules stay external: electron-builder unpacks them from the asar and rebuilds them.
// The ESM entries share code-split chunks, so a command imports only the modules it runs
// (the CLI's `--version` loads no engine at all). bin/frameproof.js runs this when a source
// is newer than the build (inputs.json lists them).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');
const chunkDir = join(outdir, 'chunks');
const startedAt = Date.now();

const external = ['electron', 'sharp', 'onnxruntime-node', 'better-sqlite3', 'pdfkit'];
// ESM builds first: jsonc-parser's "main" is a UMD wrapper whose inner require() calls esbuild cannot follow.
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  metafile: true,
  write: false,
};

const esm = await build({
  ...common,
  entryPoints: {
    cli: 'electron/hosts/cli/cli.ts',
    main: 'electron/hosts/desktop/main.ts',
    engineHost: 'electron/hosts/utility/engineHost.ts',
    // Each ONNX Runtime session's thread (electron/engine/clip/modelSession.ts finds it here).
    sessionWorker: 'electron/engine/clip/sessionWorker.mjs',
  },
  outdir,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: {
    js: "import { createRequire as __frameproofRequire } from 'node:module'; const require = __frameproofRequire(import.meta.url);",
  },
});

const preload = await build({
  ...common,
  entryPoints: ['electron/hosts/desktop/preload.ts'],
  outfile: join(outdir, 'preload.cjs'),
  format: 'cjs',
});

// Each file lands whole (written aside, then renamed), chunks before the entries that import
// them, so a CLI started during a rebuild reads either the old build or the new one.
const outputs = [...esm.outputFiles, ...preload.outputFiles];
const isChunk = (file) => file.path.startsWith(chunkDir);
mkdirSync(chunkDir, { recursive: true });
for (const file of [...outputs.filter(isChunk), ...outputs.filter((f) => !isChunk(f))]) {
  const aside = `${file.path}.${process.pid}.tmp`;
  writeFileSync(aside, file.contents);
  renameSync(aside, file.path);
}
// Chunks of earlier builds: content-hashed names nothing imports any more.
const written = new Set(outputs.map((f) => f.path));
for (const name of readdirSync(chunkDir)) if (!written.has(join(chunkDir, name))) rmSync(join(chunkDir, name), { force: true });

const inputs = [...new Set([...Object.keys(esm.metafile.inputs), ...Object.keys(preload.metafile.inputs)])].filter(
  (f) => !f.includes('node_modules/'),
);
const sources = [...inputs, 'build/build.mjs', 'package.json', 'package-lock.json'].map((f) =>
  relative(root, resolve(root, f)).split('\\').join('/'),
);
writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify({ builtAt: startedAt, sources: [...new Set(sources)].sort() }, null, 1)}\n`);
const size = outputs.filter((f) => !f.path.endsWith('.map')).reduce((n, f) => n + f.contents.byteLength, 0);
console.log(
  `dist/electron: ${outputs.filter((f) => !f.path.endsWith('.map')).length} files, ${(size / 1024).toFixed(0)} kB, in ${Date.now() - startedAt} ms`,
);
