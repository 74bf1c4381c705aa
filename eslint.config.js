// The layer rules of ../shared/STYLE.md, as code: each folder may import only what its runtime has.
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

const engineOnly = 'are reached through electron/engine/service.ts (the Engine facade) only.';
const nodeModules = ['node:*', 'fs', 'path', 'child_process', 'sharp', 'onnxruntime-node', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'test-results/', 'playwright-report/', 'renderer/dist/'] },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "engine/ is pure Node: do this in electron/main.ts and pass the result in." }],
        patterns: [{ group: ['**/renderer/**'], message: 'engine/ knows nothing of the renderer: put shared types in electron/api.ts.' }],
      }],
    },
  },
  {
    files: ['electron/cli.ts', 'electron/serve.ts', 'electron/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['./engine/*/**', './engine/errors*'], message: `Engine internals ${engineOnly}` }],
      }],
    },
  },
  {
    files: ['electron/api.ts', 'electron/api/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['*'], allowTypeImports: true, message: 'The API is type-only: it may import types, nothing at run time.' }] }],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'node:fs', message: 'The preload exposes the typed API only: file access belongs to the engine.' }],
        patterns: [{ group: ['./engine/**'], message: 'The preload forwards IPC; the engine is reached through electron/engine/service.ts only.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer is a sandboxed page: call the engine through renderer/lib/api.ts.' }],
        patterns: [
          { group: nodeModules, message: 'The renderer cannot use Node: go through renderer/lib/api.ts.' },
          { group: ['**/electron/engine/**'], message: 'The renderer reaches the engine through renderer/lib/api.ts only.' },
        ],
      }],
    },
  },
);
