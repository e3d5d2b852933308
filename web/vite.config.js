// Vite + Vitest configuration for the lianxin web UI.
// Element Plus components are imported on demand (unplugin-vue-components), so only
// what a screen uses ends up in its chunk; staff screens and ECharts are lazy chunks.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

const testing = !!process.env.VITEST
// The API server the dev server proxies to (a running `lianxin serve`).
const apiTarget = process.env.LIANXIN_API || 'http://127.0.0.1:8090'

export default defineConfig({
  plugins: [
    vue(),
    Components({
      dts: false,
      // Under vitest the component CSS is skipped (Node cannot import .css from node_modules).
      resolvers: [ElementPlusResolver({ importStyle: testing ? false : 'css' })],
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/metrics': apiTarget,
    },
  },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    cssCodeSplit: true,
    // dist/.vite/manifest.json: which chunks each lazy screen loads (tools/record-web-results.mjs).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/vue/') || id.includes('node_modules/@vue/') || id.includes('node_modules/vue-router/')) return 'vue'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.js'],
    setupFiles: ['tests/unit/setup.js'],
    server: { deps: { inline: ['element-plus'] } },
    testTimeout: 20000,
  },
})
