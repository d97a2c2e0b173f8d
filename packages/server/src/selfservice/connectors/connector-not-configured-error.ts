import { ACTION_NOT_CONFIGURED } from '@zhida/dialogue';
import type { Connectors } from './connectors.js';

/**
 * A capability the tenant has no enterprise system for (no ZHIDA_ENTERPRISE_URL, or a backend
 * without it): not "busy" and not "not found". `SelfServiceActions` turns it into the outcome code
 * `not_configured` (`ACTION_NOT_CONFIGURED`), on which the dialogue ends the task, saying so and offering a human or a ticket.
 */
export class ConnectorNotConfiguredError extends Error {
  readonly code = ACTION_NOT_CONFIGURED;

  constructor(readonly capability: keyof Connectors) {
    super(`no enterprise connector is configured for ${capability}`);
    this.name = 'ConnectorNotConfiguredError';
  }
}
