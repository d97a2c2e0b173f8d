import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { HandoffDatabase } from '../handoff/handoff-schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type SurveyTrigger = 'closed' | 'bot_idle';
export type FollowUpOutcome = 'resolved' | 'not_resolved' | 'unreachable';

/** A satisfaction survey offered in a conversation (migration 0019); `shown_at` once the widget displayed it. */
export interface FeedbackSurveysTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  visitor_id: string;
  trigger: SurveyTrigger;
  /** The system message that carries the survey into the chat (meta.kind = 'survey'). */
  message_id: string | null;
  created_at: CreatedAt;
  shown_at: NullableTimestamp;
}

/** One rating per conversation; the agent and group are those who handled it (null for the bot alone). */
export interface ConversationRatingsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  survey_id: string | null;
  visitor_id: string;
  agent_id: string | null;
  group_id: string | null;
  stars: number;
  tags: JsonDefault<string[]>;
  comment: Generated<string>;
  created_at: CreatedAt;
}

/** 有帮助 / 没帮助 on one bot answer; the visitor may change their mind (one row per message). */
export interface AnswerFeedbackTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  message_id: string;
  visitor_id: string;
  helpful: boolean;
  faq_id: string | null;
  intent: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The 回访 of a low rating: its ticket, the outcome staff recorded, the customer's rating of it. */
export interface FollowUpsTable {
  id: string;
  tenant_id: string;
  rating_id: string;
  ticket_id: string | null;
  status: Generated<'open' | 'done'>;
  outcome: FollowUpOutcome | null;
  outcome_note: Generated<string>;
  outcome_by: string | null;
  outcome_at: NullableTimestamp;
  customer_stars: number | null;
  customer_rated_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A tenant's stored monthly report (HTML always; the PDF when Chromium could print it). */
export interface MonthlyReportsTable {
  id: string;
  tenant_id: string;
  /** `YYYY-MM`, the month reported on (Asia/Shanghai). */
  month: string;
  html: string;
  pdf: Buffer | null;
  pdf_error: string | null;
  emailed_to: JsonDefault<string[]>;
  emailed_at: NullableTimestamp;
  email_error: string | null;
  created_at: CreatedAt;
}

export interface FeedbackTables {
  feedback_surveys: FeedbackSurveysTable;
  conversation_ratings: ConversationRatingsTable;
  answer_feedback: AnswerFeedbackTable;
  follow_ups: FollowUpsTable;
  monthly_reports: MonthlyReportsTable;
}

/** The database seen by the feedback module and the monthly report: migration 0019 on top of tickets and handoff. */
export type FeedbackDatabase = HandoffDatabase & FeedbackTables;

export function feedbackDatabase(db: Kysely<Database>): Kysely<FeedbackDatabase> {
  return db as unknown as Kysely<FeedbackDatabase>;
}

export type ConversationRatingRow = Selectable<ConversationRatingsTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type FeedbackSurveyRow = Selectable<FeedbackSurveysTable>;
