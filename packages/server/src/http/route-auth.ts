import type { Permission } from '../auth/permissions.js';

/**
 * What a route requires, declared on every /api route as `config.auth`.
 * `public`: anyone; `staff`: any logged-in user or API key; `visitor`: a widget
 * visitor token; a Permission: staff whose role grants it.
 */
export type RouteAuth = 'public' | 'staff' | 'visitor' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}
