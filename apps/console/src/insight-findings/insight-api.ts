import type { ApiClient } from '../api/api-client.js';

export interface Finding {
  id: string;
  kind: 'step_failure' | 'step_abandon' | 'intent_fallback' | 'faq_unhelpful';
  subjectLabel: string;
  day: string;
  status: 'open' | 'dismissed' | 'done';
  comparison: 'baseline' | 'peers';
  rate: number;
  referenceRate: number;
  trials: number;
  qValue: number;
  summary: string;
  suggestion: string;
}

export interface ExperimentArm {
  key: string;
  strategy: 'personalised' | 'popular';
  weight: number;
  exposures: number;
  clicks: number;
  ctr: number | null;
  ctrInterval: { low: number; high: number } | null;
}

export interface Experiment {
  id: string;
  name: string;
  status: 'running' | 'stopped';
  rolloutVariant: string | null;
  variants: ExperimentArm[];
  comparison: { difference: number; differenceInterval: { low: number; high: number }; lift: number | null; liftInterval: { low: number; high: number } | null; significant: boolean } | null;
}

/**
 * Bottleneck findings and the recommendation experiments (`analytics.read` to read; `analytics.manage` to decide or stop).
 * @example const { items } = await new InsightApi(api).findings('open');
 */
export class InsightApi {
  constructor(private readonly api: ApiClient) {}

  findings(status: Finding['status']): Promise<{ items: Finding[] }> {
    return this.api.send('GET', `/analytics/findings?status=${status}`);
  }

  decide(id: string, action: 'dismiss' | 'done'): Promise<Finding> {
    return this.api.send('POST', `/analytics/findings/${encodeURIComponent(id)}/${action}`);
  }

  experiments(): Promise<{ items: Experiment[] }> {
    return this.api.send('GET', '/recommendations/experiments');
  }

  stop(id: string, rolloutVariant: string): Promise<Experiment> {
    return this.api.send('PATCH', `/recommendations/experiments/${encodeURIComponent(id)}`, { status: 'stopped', rolloutVariant });
  }
}
