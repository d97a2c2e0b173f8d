import type { FastifyPluginAsync } from 'fastify';
import type { DatabaseHandle } from '../db/create-database.js';
import type { Metrics } from './metrics.js';

/** Liveness, readiness and Prometheus metrics, outside /api so load balancers need no credentials. */
export const healthRoutes: FastifyPluginAsync<{ database: DatabaseHandle; metrics: Metrics }> = async (app, { database, metrics }) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await Promise.race([database.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref())]);
      return { status: 'ready', database: database.backend };
    } catch {
      return reply.status(503).header('retry-after', '5').send({ error: { code: 'unavailable', message: 'Database is not reachable' } });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
  });
};
