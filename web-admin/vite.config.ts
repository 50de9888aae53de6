import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately; in production it serves this build under /admin/.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '4000'}`;

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5175,
    strictPort: true,
    // HTTP and graphql-ws share /graphql on the API; /relay serves attachment uploads and downloads.
    proxy: { '/graphql': { target: apiTarget, ws: true }, '/relay': { target: apiTarget } },
  },
  preview: { port: 4175 },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks cache better.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'vendor-mantine', test: /node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/ },
            { name: 'vendor-apollo', test: /node_modules[\\/](@apollo|graphql|graphql-ws|rxjs|zod)[\\/]/ },
          ],
        },
      },
    },
  },
});
