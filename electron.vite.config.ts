import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    // guichet-audit: the audit command line as plain JavaScript (bin/guichet-audit.mjs, `guichet --audit`).
    build: { rollupOptions: { input: { index: resolve('src/main/index.ts'), 'guichet-audit': resolve('src/cli/guichet-audit.ts') } } },
  },
  preload: {
    // A sandboxed window can only load a CommonJS preload.
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    build: { modulePreload: { polyfill: false }, rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
});
