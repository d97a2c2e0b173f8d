import { io } from 'socket.io-client';
import type { RealtimeConnector, RealtimeSocket } from '@zhida/client';

/**
 * The @zhida/client bundle for pages without a build step, served as the ES module `/sdk/zhida-client.js`
 * (the example page at `/sdk/example.html` uses it): the SDK itself plus a Socket.IO connector.
 * @example
 * import { ZhidaClient, socketConnector } from 'https://cs.example.com/sdk/zhida-client.js';
 * const client = new ZhidaClient({ origin, tenant: 'demo-ecommerce', fetch: fetch.bind(window), channel: 'web', connect: socketConnector(origin) });
 */
export * from '@zhida/client';

/** Opens the `/widget` namespace for a session, the way the widget does (WebSocket first, polling as the fallback). */
export function socketConnector(origin: string): RealtimeConnector {
  return (session) =>
    io(`${origin}/widget`, {
      path: '/socket.io',
      auth: { token: session.visitorToken, conversationId: session.conversationId },
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      withCredentials: false,
    }) as unknown as RealtimeSocket;
}
