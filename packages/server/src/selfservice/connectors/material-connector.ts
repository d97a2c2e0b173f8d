import type { ConnectorContext } from './connector-context.js';

/** Supporting documents for an application. Failures: `application_not_found`. */
export interface MaterialConnector {
  /** Marks the application as waiting for materials from this conversation and says which ones are still needed. */
  expect(ctx: ConnectorContext, applicationRef: string): Promise<{ requiredMaterials: string[]; reviewDays: number }>;
  /** A file arrived in the conversation; returns the application it was filed under, if one is waiting. */
  received(ctx: ConnectorContext, file: { attachmentId: string; filename: string }): Promise<{ applicationRef: string } | null>;
}
