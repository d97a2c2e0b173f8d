import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb columns are written as JSON text (both backends parse it) and read as parsed values. */
type Json<T> = ColumnType<T, string, string>;

export type ArticleStatus = 'draft' | 'published' | 'archived';
export type SuggestionKind = 'new_faq' | 'paraphrase';
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A knowledge-base article; its text lives in immutable versions. */
export interface KbArticlesTable {
  id: string;
  tenant_id: string;
  category: string;
  status: ArticleStatus;
  /** The newest version (what editors see). */
  current_version: number;
  /** The version visitors see; null until first published. */
  published_version: number | null;
  /** Ids of the tenant's knowledge-graph nodes this article is about. */
  graph_node_ids: Json<string[]>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  published_at: NullableTimestamp;
}

export interface KbArticleVersionsTable {
  article_id: string;
  version: number;
  title: string;
  body: string;
  author_id: string | null;
  created_at: CreatedAt;
}

/** One mined paraphrase: a visitor question text and how often it was asked. */
export interface SuggestedParaphrase {
  text: string;
  count: number;
}

export interface KbSuggestionsTable {
  id: string;
  tenant_id: string;
  kind: SuggestionKind;
  faq_id: string | null;
  question: string;
  paraphrases: Json<SuggestedParaphrase[]>;
  sample_count: number;
  status: Generated<SuggestionStatus>;
  created_at: CreatedAt;
  decided_at: NullableTimestamp;
}

export interface JobsTable {
  id: string;
  tenant_id: string | null;
  kind: string;
  run_at: Timestamp;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Tables of migration 0004; the lead merges them into `Database`. */
export interface KbTables {
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_suggestions: KbSuggestionsTable;
  jobs: JobsTable;
}

export type KbArticleRow = Selectable<KbArticlesTable>;
export type KbArticleVersionRow = Selectable<KbArticleVersionsTable>;
export type KbSuggestionRow = Selectable<KbSuggestionsTable>;
export type JobRow = Selectable<JobsTable>;
