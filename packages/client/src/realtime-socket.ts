import type { VisitorSession } from './widget-api-client.js';

/**
 * The part of a socket.io-client Socket the widget uses. Kept as an interface so the
 * controller can be driven by a fake in tests and the bundle stays swappable.
 */
export interface RealtimeSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: 'message' | 'typing' | 'ticket.changed' | 'handoff.status', listener: (payload: unknown) => void): unknown;
  emit(event: 'typing', payload: { isTyping: boolean }): unknown;
  connect(): unknown;
  disconnect(): unknown;
  /** False once the client has given up reconnecting by itself (e.g. the server refused us). */
  readonly active: boolean;
  readonly connected: boolean;
}

/** Opens the `/widget` namespace for one conversation. */
export type RealtimeConnector = (session: VisitorSession) => RealtimeSocket;
