import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static bundle (relative URLs, so it loads from file:// in Electron
// and from the HTTP host alike). @grove/shared is an npm workspace whose exports point
// at TypeScript source; the aliases make that explicit so resolution never depends on
// how node_modules was linked.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sharedSrc = here('../shared/src/');

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@grove\/shared$/, replacement: `${sharedSrc}index.ts` },
      { find: /^@grove\/shared\/(.*)$/, replacement: `${sharedSrc}$1.ts` },
    ],
  },
  server: { fs: { allow: [here('..')] } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
