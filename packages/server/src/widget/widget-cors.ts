import type { FastifyInstance } from 'fastify';

/**
 * The widget runs on tenants' own sites, so its API is cross-origin. It
 * authenticates with a bearer visitor token and never with cookies, so any
 * origin may call it without credentials.
 */
export function installWidgetCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/widget/')) return;
    void reply.header('access-control-allow-origin', '*');
    void reply.header('vary', 'origin');
  });
  app.options('/api/v1/widget/*', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    return reply
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .status(204)
      .send();
  });
}
