import { defineConfig } from 'vite';

// The second output of the widget's build: @zhida/client as one ES module for pages without a build
// step, with its example page (packages/client/example/browser, copied as the public dir) beside it.
// Runs after the widget's own build, into dist/sdk/, so the widget's emptyOutDir does not remove it.
export default defineConfig({
  publicDir: '../../packages/client/example/browser',
  build: {
    outDir: 'dist/sdk',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/sdk-bundle.ts',
      formats: ['es'],
      fileName: () => 'zhida-client.js',
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
