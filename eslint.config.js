// The layer map of ARCHITECTURE.md, as code: each folder may import only what its runtime has and
// what sits below it. The rules live in build/lint/layers.js; test/lint/ plants a violation of each.
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import frameproof from './build/lint/layers.js';

const node = [
  'pkg:node:*',
  'pkg:fs',
  'pkg:fs/*',
  'pkg:path',
  'pkg:os',
  'pkg:child_process',
  'pkg:sharp',
  'pkg:onnxruntime-node',
  'pkg:better-sqlite3',
  'pkg:pdfkit',
];
const engine = 'electron/engine/**';
const facade = 'electron/engine/service.ts';
const hosts = 'electron/hosts/**';
const renderer = 'renderer/**';
const platform = 'electron/platform/**';

/** One entry per row of the layer map: which files, what they may never import, and what to do instead. */
const LAYERS = [
  {
    files: 'electron/common/**',
    forbid: [
      {
        imports: ['pkg:**', 'pkg:*'],
        message:
          'common/ runs everywhere (the sandboxed page too): plain values and pure functions only, no packages; put Node code in engine/ and Electron code in hosts/desktop/',
      },
      {
        imports: ['**'],
        except: ['electron/common/**'],
        message: 'common/ is the bottom layer: it imports only common/; move the shared part down into common/',
      },
    ],
  },
  {
    files: 'electron/platform/**',
    forbid: [
      { imports: 'pkg:electron', message: 'platform/ is plain Node for every process: do the Electron part in electron/hosts/desktop/' },
      {
        imports: [engine, hosts, renderer],
        message: 'platform/ (atomic writes, the log) sits below the engine and the hosts: it imports only common/ and Node',
      },
    ],
  },
  {
    files: engine,
    forbid: [
      { imports: 'pkg:electron', message: 'engine/ is pure Node: do the Electron part in electron/hosts/desktop/ and pass the result in' },
      {
        imports: [hosts, renderer],
        message: 'engine/ knows nothing of its hosts or the renderer: put shared types and values in electron/common/',
      },
    ],
  },
  {
    files: engine,
    exceptFiles: ['electron/engine/session/**', facade],
    forbid: [
      {
        imports: ['electron/engine/session/**', facade],
        message: 'The engine core never reaches up into the application layer (session/) or the facade: pass what it needs in as arguments',
      },
    ],
  },
  {
    files: ['electron/hosts/cli/**', 'electron/hosts/web/**', 'electron/hosts/utility/**', 'electron/hosts/shared/**'],
    forbid: [
      {
        imports: engine,
        except: facade,
        message: 'Hosts reach the engine through electron/engine/service.ts (the facade) only: export what you need from there',
      },
      {
        imports: 'pkg:electron',
        message: "Only electron/hosts/desktop/ may import 'electron': the CLI, the web host and the engine's process run under plain Node",
      },
      {
        imports: ['electron/hosts/desktop/**'],
        message: 'The Node hosts do not depend on the desktop host: move the shared part to electron/hosts/shared/ or electron/common/',
      },
    ],
  },
  {
    files: 'electron/hosts/desktop/**',
    forbid: [
      { imports: engine, message: 'The desktop host never loads the engine: it talks to the engine process through engineClient.ts' },
      {
        imports: [
          'electron/hosts/shared/handlers.ts',
          'electron/hosts/shared/argumentSchemas.ts',
          'electron/hosts/utility/**',
          'electron/hosts/cli/**',
          'electron/hosts/web/**',
        ],
        message:
          "The desktop host forwards calls to the engine process, which validates and handles them: import only hosts/shared/'s plain modules and common/",
      },
      {
        imports: renderer,
        message: 'The desktop host serves the built renderer, it does not import it: put shared code in electron/common/',
      },
    ],
  },
  {
    files: 'electron/hosts/desktop/preload.ts',
    forbid: [
      {
        imports: node,
        message:
          'The preload is sandboxed: it forwards IPC and may use contextBridge, ipcRenderer and webUtils only; file access belongs to the engine',
      },
      {
        imports: ['**'],
        except: ['electron/common/**', 'pkg:electron'],
        message: 'The preload imports only electron/common/ (the API and its method list)',
      },
    ],
  },
  {
    files: renderer,
    forbid: [
      { imports: 'pkg:electron', message: 'The renderer is a sandboxed page: call the engine through renderer/lib/api.ts' },
      { imports: node, message: 'The renderer cannot use Node: ask the engine through renderer/lib/api.ts' },
      {
        imports: [engine, hosts, platform],
        message: 'The renderer reaches the engine through renderer/lib/api.ts only; shared types and values are in electron/common/',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'test-results/', 'playwright-report/', 'renderer/dist/', 'release/'] },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    plugins: { frameproof },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'frameproof/layers': ['error', { layers: LAYERS }],
      'frameproof/faces': [
        'error',
        {
          root: 'electron/engine/',
          message: 'Another engine folder is reached through its face: import from {{folder}}/index.ts (export it there if it is missing)',
        },
      ],
    },
  },
  {
    files: ['electron/common/api.ts', 'electron/common/api/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['*'], allowTypeImports: true, message: 'The API is type-only: it may import types, nothing at run time.' }],
        },
      ],
    },
  },
  prettier,
);
