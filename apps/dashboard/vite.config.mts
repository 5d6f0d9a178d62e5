import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

// The dashboard is static files the trader serves at / (same origin as /api/v1, so no CORS and no
// token in a URL). `npx nx run dashboard:build` writes them to dist/dashboard.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${workspace}dist/dashboard`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The chart library is the one big dependency; a chunk of its own keeps the first page small
    // and lets the browser cache it across dashboard releases.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('lightweight-charts') ? 'charts' : undefined) } },
  },
  // `npm run dev:dashboard` proxies the API to a trader on the default port.
  server: { proxy: { '/api': 'http://127.0.0.1:8420', '/health': 'http://127.0.0.1:8420' } },
  test: {
    root,
    environment: 'happy-dom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: `${workspace}tmp/vitest-results/dashboard.json` },
  },
});
