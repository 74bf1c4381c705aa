// The renderer: a Svelte 5 page, built to dist/renderer for both hosts (Electron's custom
// protocol and the local web host). Relative asset URLs so either host can serve it.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
