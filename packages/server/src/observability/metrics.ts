import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry, so tests can build many apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'zhida_http_request_duration_seconds',
    help: 'HTTP request duration by route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'zhida_messages_total',
    help: 'Messages stored, by sender type',
    labelNames: ['sender'] as const,
    registers: [this.registry],
  });
  readonly botLatency = new Histogram({
    name: 'zhida_bot_reply_seconds',
    help: 'Time from a stored visitor message to the stored bot reply',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly handoffs = new Counter({
    name: 'zhida_handoffs_total',
    help: 'Conversations handed to a human, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly sockets = new Gauge({
    name: 'zhida_socket_connections',
    help: 'Open Socket.IO connections by namespace',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'zhida_' });
  }
}
