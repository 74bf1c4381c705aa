// Bundles the Node entry points (CLI now; Electron main, preload and the web host as they land)
// into dist/. Native modules stay external: electron-builder unpacks and rebuilds them.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const external = ['electron', 'sharp', 'onnxruntime-node', 'better-sqlite3'];
const entries = ['electron/cli.ts', 'electron/main.ts', 'electron/preload.ts', 'electron/serve.ts'].filter((f) => existsSync(f));

await build({
  entryPoints: entries,
  outdir: 'dist/electron',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: { js: "import { createRequire as __frameproofRequire } from 'node:module'; const require = __frameproofRequire(import.meta.url);" },
  logLevel: 'info',
});
