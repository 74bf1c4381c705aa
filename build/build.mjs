// Bundles the Node entry points into dist/electron: the CLI, the Electron main process, the
// engine's utility process, and the preload (CommonJS: a sandboxed preload cannot load ESM).
// Native modules stay external: electron-builder unpacks them from the asar and rebuilds them.
import { build } from 'esbuild';

const external = ['electron', 'sharp', 'onnxruntime-node', 'better-sqlite3', 'pdfkit'];
// ESM builds first: jsonc-parser's "main" is a UMD wrapper whose inner require() calls esbuild cannot follow.
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, external, mainFields: ['module', 'main'], logLevel: 'info' };

await build({
  ...common,
  entryPoints: { cli: 'electron/hosts/cli/cli.ts', main: 'electron/hosts/desktop/main.ts', engineHost: 'electron/hosts/utility/engineHost.ts' },
  outdir: 'dist/electron',
  format: 'esm',
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: { js: "import { createRequire as __frameproofRequire } from 'node:module'; const require = __frameproofRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['electron/hosts/desktop/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
});
