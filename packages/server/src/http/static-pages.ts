import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built widget (`/widget.js`), the demo shop pages (`/demo/:tenant`), the
 * @zhida/client bundle and example page (`/sdk/`) and the console (`/console/`). The front ends are built by `npm start`.
 */
export async function registerStaticPages(app: FastifyInstance, root: string): Promise<void> {
  const widgetDist = join(root, 'apps/widget/dist');
  const consoleDist = join(root, 'apps/console/dist');

  if (existsSync(widgetDist)) {
    await app.register(fastifyStatic, { root: widgetDist, prefix: '/widget-assets/', decorateReply: true, index: false });
    app.get('/widget.js', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'public, max-age=300').sendFile('widget.js', widgetDist));
    // Loaded by widget.js from beside itself when a visitor first needs a call or voice.
    app.get('/widget-on-demand.js', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'public, max-age=300').sendFile('widget-on-demand.js', widgetDist));
    const demo = (_req: unknown, reply: { sendFile: (f: string, r: string) => unknown }) => reply.sendFile('demo.html', widgetDist);
    app.get('/demo', { schema: { hide: true } }, (req, reply) => demo(req, reply));
    app.get('/demo/:tenant', { schema: { hide: true } }, (req, reply) => demo(req, reply));
    // @zhida/client as one ES module for pages without a build step, and its example page (no widget UI).
    const sdkDist = join(widgetDist, 'sdk');
    if (existsSync(sdkDist)) {
      await app.register(fastifyStatic, { root: sdkDist, prefix: '/sdk/', decorateReply: false, index: false });
      app.get('/sdk', { schema: { hide: true } }, (_req, reply) => reply.redirect('/sdk/example.html'));
    }
  }
  if (existsSync(consoleDist)) {
    await app.register(fastifyStatic, { root: consoleDist, prefix: '/console/', decorateReply: false, wildcard: true });
    app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
}
