import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TenantScope, type ScopeState } from '../db/tenant-scope.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/app-error.js';
import type { RouteAuth } from '../http/route-auth.js';
import type { VisitorService } from '../widget/visitor-service.js';
import { ApiKeyService } from './api-key-service.js';
import type { AuthService } from './auth-service.js';
import { roleCan } from './permissions.js';
import type { Principal, StaffPrincipal } from './principal.js';

export const SESSION_COOKIE = 'zhida_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** `'allowed'`: a session limited to MFA enrollment (tenant requires MFA, user has none) may call this route. */
    mfaEnrollment?: 'allowed';
  }
}

/**
 * Resolves the caller once per request and enforces each route's declared
 * `config.auth`. A route under /api without a declaration fails at start-up,
 * so no route can forget its check. Declared routes are collected into `routes`.
 */
export function installAuthHooks(app: FastifyInstance, deps: { auth: AuthService; apiKeys: ApiKeyService; visitors: VisitorService }, routes: DeclaredRoute[]): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const auth = route.config?.auth;
    if (!auth) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.auth`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, auth });
  });

  // Every request runs in a TenantScope of its own that starts with no tenant (row-level security then shows
  // nothing) and gets the principal's tenant below. The body arrives on the socket's events, outside the
  // scope, so it is entered again before validation, for the hooks and handler that follow.
  const scopes = new WeakMap<FastifyRequest, ScopeState>();
  app.addHook('onRequest', (request, _reply, done) => {
    const scope: ScopeState = { tenantId: null, allTenants: false };
    scopes.set(request, scope);
    TenantScope.within(scope, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope) TenantScope.within(scope, done);
    else done();
  });

  // Checked on request, before the body is even parsed: an anonymous caller learns nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.principal = await resolvePrincipal(request, deps);
    const scope = scopes.get(request);
    if (scope && request.principal) scope.tenantId = request.principal.tenantId;
    const auth = request.routeOptions.config?.auth;
    if (auth && auth !== 'public') enforce(request, auth, request.routeOptions.config?.mfaEnrollment === 'allowed');
  });
}

/** An /api route and what it requires; the route-matrix tests enumerate these. */
export interface DeclaredRoute {
  method: string;
  url: string;
  auth: RouteAuth;
}

async function resolvePrincipal(request: FastifyRequest, deps: { auth: AuthService; apiKeys: ApiKeyService; visitors: VisitorService }): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('Malformed Authorization header');
    const token = match[1]!;
    // A visitor token is random base64url, so one in 64³ also starts with the API-key prefix: such a token
    // that is no API key is tried as a visitor's, or that visitor could never send a message.
    const principal = (ApiKeyService.looksLikeApiKey(token) ? await deps.apiKeys.resolve(token) : null) ?? (await deps.visitors.resolveToken(token));
    if (!principal) throw new UnauthorizedError('Invalid or revoked token');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return deps.auth.resolveSession(cookie);
  return null;
}

function enforce(request: FastifyRequest, auth: RouteAuth, allowedDuringEnrollment: boolean): void {
  const p = request.principal;
  if (auth === 'visitor') {
    if (p?.kind !== 'visitor') throw new UnauthorizedError('A visitor token is required');
    return;
  }
  if (!p || p.kind === 'visitor') {
    // A visitor token on a staff route gets the same answer as no credentials at all.
    throw new UnauthorizedError();
  }
  if (p.kind === 'user' && UNSAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !constantTimeEquals(sent, p.csrfToken)) {
      throw new ForbiddenError('Missing or invalid CSRF token', 'csrf_failed');
    }
  }
  // The tenant requires MFA and this user has none: only enrollment (and me/logout) until they confirm it. API keys are not users and are unaffected.
  if (p.kind === 'user' && p.mfaEnrollmentRequired && !allowedDuringEnrollment) {
    throw new ForbiddenError('Your organisation requires two-factor authentication; set it up first', 'mfa_enrollment_required');
  }
  if (auth !== 'staff' && auth !== 'public' && !roleCan(p.role, auth)) throw new ForbiddenError();
}

function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The staff caller of a route declared with a staff auth requirement. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const p = request.principal;
  if (!p || p.kind === 'visitor') throw new UnauthorizedError();
  return p;
}

/** The visitor caller of a route declared `auth: 'visitor'`. */
export function visitorOf(request: FastifyRequest): Extract<Principal, { kind: 'visitor' }> {
  const p = request.principal;
  if (p?.kind !== 'visitor') throw new NotFoundError('Conversation');
  return p;
}
