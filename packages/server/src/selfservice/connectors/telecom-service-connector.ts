import type { ConnectorContext } from './connector-context.js';

export type PortingCheck = { eligible: true; authCode: string; validUntil: string } | { eligible: false; reasonText: string };

/** Broadband faults, number porting and SIM replacement. Failures: `subscriber_not_found`, `account_not_found`. */
export interface TelecomServiceConnector {
  createFault(ctx: ConnectorContext, account: string, symptom: string): Promise<{ ticketNumber: string; eta: string }>;
  checkPorting(ctx: ConnectorContext, mobile: string): Promise<PortingCheck>;
  requestSimReplacement(ctx: ConnectorContext, mobile: string, reason: string, delivery: 'store' | 'mail'): Promise<{ orderNumber: string; pickupText: string }>;
}
