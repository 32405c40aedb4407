/** The web app's build: React with Vite; `web/build.ts` runs it with a cache, `npm start` serves the output. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The goals script reads the initial route's chunks from the manifest.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 250,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
