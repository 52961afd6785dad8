import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:3000';

// Vite requires a default export for its config file.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server serves only /assets/<flat file name>, so keep every chunk there.
    assetsDir: 'assets',
    sourcemap: false,
    // Two entries: the staff app, and the public offer directory (/angebote), which loads none of the staff bundle.
    rolldownOptions: { input: { main: `${import.meta.dirname}/index.html`, angebote: `${import.meta.dirname}/angebote.html` } },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
});
