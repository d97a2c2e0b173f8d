import { defineConfig } from 'vite';

// Library mode: one self-contained IIFE that any page can load with a <script> tag.
// public/demo.html is copied next to it so the server can serve /demo from dist/.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/main.ts',
      name: 'ZhidaWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
  // Library mode leaves process.env.* untouched; socket.io-client's debug hooks would
  // otherwise reach for a `process` global that browsers do not have.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
