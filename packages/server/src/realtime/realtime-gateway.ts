import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { AuthService } from '../auth/auth-service.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { Metrics } from '../observability/metrics.js';
import type { VisitorService } from '../widget/visitor-service.js';
import type { WidgetOriginPolicy } from '../widget/widget-origin-policy.js';
import { SESSION_COOKIE } from '../auth/auth-hooks.js';
import { roleCan } from '../auth/permissions.js';
import { maskSensitiveNumbers } from '../privacy/sensitive-number-mask.js';

interface GatewayDeps {
  auth: AuthService;
  visitors: VisitorService;
  /** Which sites may open a tenant's widget socket; the same rule as the widget API's CORS. */
  widgetOrigins: WidgetOriginPolicy;
  conversations: ConversationRepository;
  events: DomainEvents;
  metrics: Metrics;
  parseCookie: (header: string) => Record<string, string | undefined>;
  redisUrl: string | null;
  log: FastifyBaseLogger;
  /** The console heartbeat's receiver (handoff presence): agents with a socket on this node. */
  presence?: { heartbeat(agents: readonly { tenantId: string; userId: string }[]): Promise<void> };
}

/** How often this node reports the agents with a console socket here as seen (handoff presence goes stale after 60 s). */
const HEARTBEAT_MS = 20_000;

/** What the `/agent` handshake stores on a socket (other modules' socket handlers read it). */
export interface AgentData {
  tenantId: string;
  userId: string;
  sessionId: string;
  /** Whether the role may see ID and card numbers in full (`pii.reveal`); the others get them masked, as in the API. */
  revealsPii: boolean;
}

/** What the `/widget` handshake stores on a socket: the one conversation its token holds. */
export interface VisitorData {
  tenantId: string;
  visitorId: string;
  conversationId: string;
  customerRef: string | null;
}

/** A conversation's widget sockets (its visitor's). */
export const conversationRoom = (id: string) => `conv:${id}`;
const tenantRoom = (id: string) => `tenant:${id}`;
// Messages go to staff in two rooms: those who may see sensitive numbers, and those who get them masked.
const messageRoom = (id: string, revealsPii: boolean) => `tenant:${id}:messages:${revealsPii ? 'full' : 'masked'}`;
/** Every console socket of one staff member. */
export const userRoom = (id: string) => `user:${id}`;
/** Every widget socket of one visitor, whatever conversation it follows: their tickets' updates go here. */
const visitorRoom = (id: string) => `visitor:${id}`;
/** Every widget socket of one verified customer, on any device: tickets follow the customer, not the visitor. */
const customerRoom = (tenantId: string, ref: string) => `customer:${tenantId}:${ref}`;

/**
 * Socket.IO fan-out of domain events. Visitors join only their own
 * conversation's room; agents join their tenant's room. With REDIS_URL set,
 * rooms span every app node through the Redis adapter.
 */
export class RealtimeGateway {
  readonly io: Server;
  private readonly redis: Redis[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private readonly heartbeat: NodeJS.Timeout | null = null;

  constructor(server: HttpServer, private readonly deps: GatewayDeps) {
    // Widget pages live on the tenants' own sites, so the handshake is cross-origin;
    // visitors authenticate with a bearer token, never a cookie. Which sites may connect
    // is decided per tenant in the /widget namespace, once the token names the tenant.
    this.io = new Server(server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024, cors: { origin: true, credentials: false } });
    if (deps.redisUrl) {
      const pub = new Redis(deps.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      for (const c of [pub, sub]) c.on('error', (err) => deps.log.warn({ err: err.message }, 'redis adapter error'));
      this.redis.push(pub, sub);
      this.io.adapter(createAdapter(pub, sub));
    }
    this.setupWidget();
    this.setupAgent();
    this.subscribe();
    if (deps.presence) {
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  /** One UPDATE for every agent with a console socket on this node. */
  private beat(agents?: { tenantId: string; userId: string }[]): void {
    const list = agents ?? [...this.io.of('/agent').sockets.values()].map((s) => s.data as AgentData);
    void this.deps.presence?.heartbeat(list).catch((err: unknown) => this.deps.log.warn({ err }, 'presence heartbeat failed'));
  }

  private setupWidget(): void {
    const nsp = this.io.of('/widget');
    nsp.use((socket, next) => {
      const { token, conversationId } = socket.handshake.auth as { token?: unknown; conversationId?: unknown };
      if (typeof token !== 'string' || typeof conversationId !== 'string' || !/^[0-9a-f-]{36}$/i.test(conversationId)) {
        return next(new Error('unauthorized'));
      }
      void (async () => {
        const visitor = await this.deps.visitors.resolveToken(token);
        if (!visitor) return next(new Error('unauthorized'));
        const { origin, host } = socket.handshake.headers;
        // No Origin means no browser (apps, servers); a browser must be on an allowed site.
        if (origin !== undefined && !(await this.deps.widgetOrigins.allows({ tenantId: visitor.tenantId }, { origin, host }))) {
          return next(new Error('forbidden_origin'));
        }
        try {
          await TenantScope.asTenant(visitor.tenantId, () => this.deps.conversations.assertAccessible(visitor, conversationId, visitor.visitorId));
        } catch {
          return next(new Error('not_found'));
        }
        const customerRef = await this.deps.visitors.verifiedCustomerRef(visitor);
        socket.data = { tenantId: visitor.tenantId, visitorId: visitor.visitorId, conversationId, customerRef } satisfies VisitorData;
        next();
      })().catch(() => next(new Error('unavailable')));
    });
    nsp.on('connection', (socket: Socket) => {
      const data = socket.data as VisitorData;
      this.deps.metrics.sockets.inc({ namespace: 'widget' });
      void socket.join([conversationRoom(data.conversationId), visitorRoom(data.visitorId), ...(data.customerRef ? [customerRoom(data.tenantId, data.customerRef)] : [])]);
      socket.on('typing', (payload: unknown) => {
        const isTyping = typeof payload === 'object' && payload !== null && (payload as { isTyping?: unknown }).isTyping === true;
        this.io.of('/agent').to(tenantRoom(data.tenantId)).emit('typing', { conversationId: data.conversationId, senderType: 'visitor', isTyping });
      });
      socket.on('disconnect', () => this.deps.metrics.sockets.dec({ namespace: 'widget' }));
    });
  }

  private setupAgent(): void {
    const nsp = this.io.of('/agent');
    nsp.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      const host = socket.handshake.headers.host;
      // The session cookie must never authorise a socket opened by another site.
      if (origin && host && new URL(origin).host !== host) return next(new Error('forbidden_origin'));
      const token = this.deps.parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      if (!token) return next(new Error('unauthorized'));
      void this.deps.auth
        .resolveSession(token)
        .then((p) => {
          if (!p) return next(new Error('unauthorized'));
          // A session limited to MFA enrollment sees no conversations, live ones included.
          if (p.mfaEnrollmentRequired) return next(new Error('mfa_enrollment_required'));
          socket.data = { tenantId: p.tenantId, userId: p.userId, sessionId: p.sessionId, revealsPii: roleCan(p.role, 'pii.reveal') } satisfies AgentData;
          next();
        })
        .catch(() => next(new Error('unavailable')));
    });
    nsp.on('connection', (socket: Socket) => {
      const data = socket.data as AgentData;
      this.deps.metrics.sockets.inc({ namespace: 'agent' });
      void socket.join([tenantRoom(data.tenantId), userRoom(data.userId), messageRoom(data.tenantId, data.revealsPii)]);
      this.beat([data]);
      socket.on('typing', (payload: unknown) => {
        const p = payload as { conversationId?: unknown; isTyping?: unknown } | null;
        if (!p || typeof p.conversationId !== 'string' || !/^[0-9a-f-]{36}$/i.test(p.conversationId)) return;
        const conversationId = p.conversationId;
        // Socket events arrive outside any request: the socket's own tenant is the scope.
        void Promise.resolve()
          .then(() => TenantScope.asTenant(data.tenantId, () => this.deps.conversations.assertAccessible({ tenantId: data.tenantId }, conversationId)))
          .then(() => {
            this.io.of('/widget').to(conversationRoom(conversationId)).emit('typing', { senderType: 'agent', isTyping: p.isTyping === true });
          })
          .catch(() => undefined);
      });
      socket.on('disconnect', () => this.deps.metrics.sockets.dec({ namespace: 'agent' }));
    });
  }

  private subscribe(): void {
    const { events } = this.deps;
    this.unsubscribe.push(
      events.on('message.created', ({ tenantId, message }) => {
        // An internal note is staff-only: never to a visitor's socket.
        if (!message.internal) this.io.of('/widget').to(conversationRoom(message.conversationId)).emit('message', message);
        // Staff without pii.reveal get ID and card numbers masked, exactly as the message list gives them.
        this.io.of('/agent').to(messageRoom(tenantId, true)).emit('message', message);
        this.io.of('/agent').to(messageRoom(tenantId, false)).emit('message', { ...message, text: maskSensitiveNumbers(message.text) });
      }),
      events.on('conversation.updated', ({ tenantId, conversation }) => {
        this.io.of('/agent').to(tenantRoom(tenantId)).emit('conversation.updated', conversation);
      }),
      // Only ids travel: staff and the owning visitor refetch through the API, which checks access.
      events.on('ticket.changed', ({ tenantId, ticketId, visitorId, customerRef, number, eventType }) => {
        const notice = { ticketId, number: number ?? null };
        this.io.of('/agent').to(tenantRoom(tenantId)).emit('ticket.changed', notice);
        // An internal note changes nothing the customer can see.
        if (eventType === 'note') return;
        const rooms = [...(visitorId ? [visitorRoom(visitorId)] : []), ...(customerRef ? [customerRoom(tenantId, customerRef)] : [])];
        // One emit to both rooms: a socket in both hears it once.
        if (rooms.length > 0) this.io.of('/widget').to(rooms).emit('ticket.changed', notice);
      }),
      // An SLA warning (80 %) or breach, for the console's toast; staff only, never a visitor.
      events.on('ticket.sla_alert', ({ tenantId, ticketId, number, level, clock }) => {
        this.io.of('/agent').to(tenantRoom(tenantId)).emit('ticket.sla_alert', { ticketId, number, level, clock });
      }),
      // The handoff queue (docs/design/handoff.md, "Realtime"): payloads are built by handoff/, only routed here.
      events.on('handoff.changed', (payload) => {
        this.io.of('/agent').to(tenantRoom(payload.tenantId)).emit('handoff.changed', payload);
      }),
      events.on('handoff.offered', ({ userId, offer }) => {
        this.io.of('/agent').to(userRoom(userId)).emit('handoff.offer', offer);
      }),
      events.on('handoff.alert', ({ userIds, alert }) => {
        if (userIds.length > 0) this.io.of('/agent').to(userIds.map(userRoom)).emit('handoff.alert', alert);
      }),
      events.on('handoff.invite', ({ userId, invite }) => {
        this.io.of('/agent').to(userRoom(userId)).emit('handoff.invite', invite);
      }),
      events.on('agent.presence_changed', (payload) => {
        this.io.of('/agent').to(tenantRoom(payload.tenantId)).emit('agent.presence_changed', payload);
      }),
      events.on('handoff.visitor_status', ({ conversationId, status }) => {
        this.io.of('/widget').to(conversationRoom(conversationId)).emit('handoff.status', status);
      }),
      events.on('user.sessions_revoked', ({ userId, keepSessionId }) => {
        void this.io
          .of('/agent')
          .in(userRoom(userId))
          .fetchSockets()
          .then((sockets) => {
            for (const s of sockets) if ((s.data as AgentData).sessionId !== keepSessionId) s.disconnect(true);
          })
          .catch((err: unknown) => this.deps.log.warn({ err }, 'could not disconnect revoked sockets'));
      }),
    );
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const off of this.unsubscribe) off();
    // The HTTP server belongs to Fastify, which closes it; here only the sockets end.
    this.io.local.disconnectSockets(true);
    this.io.engine.close();
    await Promise.all(this.redis.map((r) => r.quit().catch(() => undefined)));
  }
}
