import type { ConnectorContext } from './connector-context.js';

/** Supporting documents for an application. Failures: `application_not_found`. */
export interface MaterialConnector {
  /** Marks the application as waiting for materials and says which ones are still needed. */
  expect(ctx: ConnectorContext, applicationRef: string): Promise<{ requiredMaterials: string[]; reviewDays: number }>;
}
