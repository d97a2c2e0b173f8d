import { ConnectorNotConfiguredError } from './connector-not-configured-error.js';
import type { Connectors } from './connectors.js';

/**
 * The stand-in for a capability nobody connected: every method rejects with
 * `ConnectorNotConfiguredError`, so callers that already survive a backend that is down (search,
 * the context panel, 猜你想办) keep working, and self-service says plainly that it cannot do this.
 * @example const orders = unconfiguredConnector('orders'); await orders.get(ctx, '2026…'); // rejects: not_configured
 */
export function unconfiguredConnector<K extends keyof Connectors>(capability: K): Connectors[K] {
  return new Proxy({} as Connectors[K], {
    // `then` stays undefined so the stand-in is never mistaken for a promise when awaited.
    get: (_target, method) => (method === 'then' ? undefined : () => Promise.reject(new ConnectorNotConfiguredError(capability))),
  });
}

const CAPABILITIES = [
  'orders', 'returns', 'logistics', 'invoices', 'identity', 'banking', 'appointments', 'materials', 'applications',
  'telecomAccounts', 'telecomServices', 'tickets', 'customerRecords',
] as const satisfies readonly (keyof Connectors)[];
// A capability added to Connectors but not listed above fails to compile here.
const everyCapability: Exclude<keyof Connectors, (typeof CAPABILITIES)[number]> extends never ? true : never = true;
void everyCapability;

/** Every capability: the given connectors, and the stand-in for each one missing. */
export function withUnconfiguredConnectors(given: Partial<Connectors>): Connectors {
  const all = Object.fromEntries(CAPABILITIES.map((c) => [c, given[c] ?? unconfiguredConnector(c)]));
  return all as unknown as Connectors;
}
