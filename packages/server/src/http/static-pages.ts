import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built widget (`/widget.js`), the demo shop pages (`/demo/:tenant`)
 * and the console (`/console/`). The front ends are built by `npm start`.
 */
export async function registerStaticPages(app: FastifyInstance, root: string): Promise<void> {
  const widgetDist = join(root, 'apps/widget/dist');
  const consoleDist = join(root, 'apps/console/dist');

  if (existsSync(widgetDist)) {
    await app.register(fastifyStatic, { root: widgetDist, prefix: '/widget-assets/', decorateReply: true, index: false });
    app.get('/widget.js', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'public, max-age=300').sendFile('widget.js', widgetDist));
    const demo = (_req: unknown, reply: { sendFile: (f: string, r: string) => unknown }) => reply.sendFile('demo.html', widgetDist);
    app.get('/demo', { schema: { hide: true } }, (req, reply) => demo(req, reply));
    app.get('/demo/:tenant', { schema: { hide: true } }, (req, reply) => demo(req, reply));
  }
  if (existsSync(consoleDist)) {
    await app.register(fastifyStatic, { root: consoleDist, prefix: '/console/', decorateReply: false, wildcard: true });
    app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
}
