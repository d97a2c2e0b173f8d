import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AnalyticsDatabase } from '../analytics-schema.js';
import type { FindingKind } from './bottleneck-detector.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** A bottleneck finding (migration 0020). */
export interface AnalyticsFindingsTable {
  id: string;
  tenant_id: string;
  kind: FindingKind;
  subject_key: string;
  subject_label: string;
  /** The China day whose week was tested. */
  day: string;
  status: ColumnType<'open' | 'dismissed' | 'done', 'open' | undefined, 'open' | 'dismissed' | 'done'>;
  comparison: 'baseline' | 'peers';
  rate: number;
  events: number;
  trials: number;
  reference_rate: number;
  reference_trials: number;
  p_value: number;
  q_value: number;
  reason: string | null;
  summary: string;
  suggestion: string;
  evidence: Json<FindingEvidence>;
  created_at: CreatedAt;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

/** Everything a reader needs to check a finding: both windows' counts, the test and its numbers. */
export interface FindingEvidence {
  test: string;
  window: { from: string; to: string };
  reference: { kind: 'baseline' | 'peers'; from: string; to: string };
  events: number;
  trials: number;
  referenceEvents: number;
  referenceTrials: number;
  z: number | null;
  pValue: number;
  qValue: number;
  reasonCode: string | null;
  /** How many of the flow's failed actions in the window had the dominant cause. */
  reasonShare: number | null;
}

export type FindingsDatabase = AnalyticsDatabase & { analytics_findings: AnalyticsFindingsTable };

export function findingsDatabase(db: Kysely<Database>): Kysely<FindingsDatabase> {
  return db as unknown as Kysely<FindingsDatabase>;
}

export type FindingRow = Selectable<AnalyticsFindingsTable>;
