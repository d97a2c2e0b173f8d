import type { ConnectorContext } from './connector-context.js';

export interface ApplicationProgress {
  applicationRef: string;
  serviceName: string;
  stage: string;
  detail: string;
  expectedDate: string | null;
}

/** Government applications and certificate requests. Failures: `application_not_found`, `unknown_certificate`. */
export interface ApplicationConnector {
  getProgress(ctx: ConnectorContext, applicationRef: string): Promise<ApplicationProgress | null>;
  requestCertificate(ctx: ConnectorContext, type: string, idCard: string): Promise<{ applicationRef: string; expectedDays: number }>;
}
