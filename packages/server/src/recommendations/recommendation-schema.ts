import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb columns are written as JSON text and read as parsed values (both backends). */
type Json<T> = ColumnType<T, string, string>;

export interface RecExperimentsTable {
  id: string;
  tenant_id: string;
  name: string;
  status: ColumnType<'running' | 'stopped', 'running' | 'stopped' | undefined, 'running' | 'stopped'>;
  /** After stopping: the variant everyone gets from then on (null: personalised). */
  rollout_variant: string | null;
  created_at: CreatedAt;
  stopped_at: NullableTimestamp;
}

export interface RecExperimentVariantsTable {
  tenant_id: string;
  experiment_id: string;
  key: string;
  strategy: 'personalised' | 'popular';
  weight: number;
}

export interface RecAssignmentsTable {
  tenant_id: string;
  experiment_id: string;
  subject_hash: string;
  variant_key: string;
  assigned_at: CreatedAt;
}

/** One list shown (an exposure) and the first click on it. */
export interface RecImpressionsTable {
  id: string;
  tenant_id: string;
  experiment_id: string | null;
  variant_key: string | null;
  strategy: string;
  visitor_id: string;
  conversation_id: string | null;
  moment: 'welcome' | 'after_task';
  items: Json<ImpressionItem[]>;
  created_at: CreatedAt;
  clicked_item: string | null;
  clicked_position: number | null;
  clicked_at: NullableTimestamp;
}

/** What an impression remembers of each chip: enough to check a click and to explain it later. */
export interface ImpressionItem {
  id: string;
  intent: string;
  score: number;
  reason: string;
}

export interface RecommendationTables {
  rec_experiments: RecExperimentsTable;
  rec_experiment_variants: RecExperimentVariantsTable;
  rec_assignments: RecAssignmentsTable;
  rec_impressions: RecImpressionsTable;
}

export type RecommendationDatabase = Database & RecommendationTables;

/** The database as the recommendations module sees it (migration 0020). */
export function recommendationDatabase(db: Kysely<Database>): Kysely<RecommendationDatabase> {
  return db as unknown as Kysely<RecommendationDatabase>;
}

export type RecExperimentRow = Selectable<RecExperimentsTable>;
export type RecVariantRow = Selectable<RecExperimentVariantsTable>;
