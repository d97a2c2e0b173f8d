import { defineConfig } from 'vite';

// The widget's second script: what a visitor needs only on use (video call, microphone, speaker), loaded by
// widget.js from beside itself. A classic IIFE like widget.js, whose exports land on window.ZhidaWidgetOnDemand.
// Runs after the widget's own build, whose emptyOutDir would otherwise remove it.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/widget-on-demand.ts',
      name: 'ZhidaWidgetOnDemand',
      formats: ['iife'],
      fileName: () => 'widget-on-demand.js',
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
