import type { FastifyInstance } from 'fastify';
import type { WidgetOriginPolicy } from './widget-origin-policy.js';

/** The server's pages that a tenant may show in a frame on its own site. */
const EMBEDDABLE_ROUTES = new Set(['/demo', '/demo/:tenant']);

/**
 * `Content-Security-Policy: frame-ancestors 'self' <tenant's allowed origins>`
 * on embeddable pages, so only the platform and the tenant's own sites can
 * frame them (clickjacking). A page without a known tenant is 'self' only.
 */
export function installEmbedPageHeaders(app: FastifyInstance, policy: WidgetOriginPolicy): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route === undefined || !EMBEDDABLE_ROUTES.has(route)) return payload;
    const slug = (request.params as { tenant?: string } | undefined)?.tenant;
    const ancestors = await policy.frameAncestors(slug).catch(() => "'self'");
    void reply.header('content-security-policy', `frame-ancestors ${ancestors}`);
    return payload;
  });
}
