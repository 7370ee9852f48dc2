import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is served by the API server from dist/web in production;
// `npm run build:web` runs from the repo root, so root and outDir are absolute here.
const rootDir = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root: rootDir,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // antd alone is ~1 MB minified; route chunks keep the first load small, so only warn beyond that.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
