import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors/app-error.js';
import { parseRequestOrigin } from './allowed-origin.js';
import type { RequestSite, WidgetOriginPolicy } from './widget-origin-policy.js';

const WIDGET_API = '/api/v1/widget/';
const START_ROUTE = '/api/v1/widget/conversations';

function siteOf(request: FastifyRequest): RequestSite {
  return { origin: request.headers.origin, host: request.headers.host };
}

/**
 * CORS for the widget API, per tenant. A browser request (one with an Origin)
 * is answered with `Access-Control-Allow-Origin: <origin>` only when the site
 * is the platform's own or on the tenant's allowlist; from any other site it is
 * refused with 403 `origin_not_allowed` before it has any effect. The tenant is
 * the visitor token's, or for starting a conversation the `tenant` in the body.
 * Requests without an Origin (servers, apps) are not affected.
 *
 * A preflight carries neither token nor body, so it is answered for any site
 * that some tenant allows (or the platform's own); the real request is then
 * checked against its own tenant. See widget/README.md.
 */
export function installWidgetCors(app: FastifyInstance, policy: WidgetOriginPolicy): void {
  // Per-request verdict, once the tenant is known; requests not in here never had one.
  const verdicts = new WeakMap<FastifyRequest, boolean>();

  const judgeTenant = async (request: FastifyRequest, which: { tenantId: string } | { slug: string }): Promise<void> => {
    const allowed = await policy.allows(which, siteOf(request));
    // An unknown tenant slug is left to the route's own 404.
    if (allowed === null) return;
    verdicts.set(request, allowed);
    if (!allowed) throw new ForbiddenError('This site is not allowed to use this widget; add it to the tenant’s allowed origins', 'origin_not_allowed');
  };

  // Runs after the auth hook has resolved the visitor token (hooks run in registration order).
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(WIDGET_API) || request.headers.origin === undefined || request.method === 'OPTIONS') return;
    const p = request.principal;
    if (p?.kind === 'visitor') await judgeTenant(request, { tenantId: p.tenantId });
  });

  // Starting a conversation has no token yet: the tenant is in the validated body.
  app.addHook('preHandler', async (request) => {
    if (request.headers.origin === undefined || verdicts.has(request) || request.routeOptions.url !== START_ROUTE || request.method !== 'POST') return;
    const slug = (request.body as { tenant?: unknown } | undefined)?.tenant;
    if (typeof slug === 'string') await judgeTenant(request, { slug });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(WIDGET_API) || request.headers.origin === undefined || request.method === 'OPTIONS') return payload;
    void reply.header('vary', 'origin');
    let allowed = verdicts.get(request);
    // Errors raised before the tenant was known (bad token, invalid body) carry no tenant data.
    if (allowed === undefined) allowed = await policy.isKnownSite(siteOf(request)).catch(() => false);
    const origin = parseRequestOrigin(request.headers.origin);
    // Retry-After is not CORS-safelisted; the widget needs it to wait out a 429 or 503 instead of guessing.
    if (allowed && origin) void reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'retry-after');
    return payload;
  });

  app.options('/api/v1/widget/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    void reply.header('vary', 'origin');
    const origin = parseRequestOrigin(request.headers.origin);
    if (origin && (await policy.isKnownSite(siteOf(request)))) {
      void reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600');
    }
    return reply.status(204).send();
  });
}
