import { z } from 'zod';

/**
 * Every kind of analytics event, append-only. The dashboard's measures are sums of these (see
 * analytics/README.md for which event feeds which measure); other modules add a kind here
 * rather than writing their own table.
 */
export const ANALYTICS_EVENT_TYPES = [
  /** The widget opened a conversation (a visit). */
  'conversation.started',
  /** The first bot turn of a conversation: the customer asked something. outcome `repeat` when the same customer asked the same intent within 7 days, else `first`. */
  'conversation.engaged',
  /** outcome `bot_resolved` (never reached a human), `human` (an agent took it), `unserved` (asked for a human, none came), `no_engagement` (nothing asked); value = resolution business seconds for `human`. */
  'conversation.ended',
  /** One bot turn: intent, flow, step, FAQ; outcome = the dialogue's turn outcome; value = confidence. */
  'bot.turn',
  /** outcome = reason (user_request, high_risk, anger, repeated_failure, flow, transfer). */
  'handoff.requested',
  /** An agent accepted; value = seconds waited since the request. */
  'handoff.assigned',
  /** outcome = left_message | unavailable | cancelled. */
  'handoff.unserved',
  /** The first agent message after a handoff; value = business seconds since the request (bot time excluded). */
  'agent.first_response',
  /** A self-service search; value = number of results; outcome `results` | `none`. */
  'search.performed',
  /** A search result was opened; faq_id set when it was an FAQ. */
  'search.clicked',
  'selfservice.started',
  /** A flow entered a step; props.index = its position in the flow definition. */
  'selfservice.step',
  'selfservice.completed',
  /** outcome = reason (action_failed, gave_up, handoff…). */
  'selfservice.failed',
  'selfservice.cancelled',
  'ticket.created',
  /** value = business seconds to the first agent reply. */
  'ticket.first_response',
  /** value = business seconds from creation to resolution. */
  'ticket.resolved',
  'ticket.closed',
  /** outcome = clock (first_response | next_response | resolution). */
  'ticket.sla_breached',
  /** value = stars 1–5; outcome = the star count as text; props.comment (masked), props.tags; props.survey = conversation | follow_up. */
  'rating.submitted',
  /** A survey was shown (response rate = ratings ÷ surveys shown). */
  'rating.requested',
  /** outcome helpful | not_helpful; faq_id of the answer. */
  'answer.feedback',
  /** props.items, props.variant (experiment arm) as outcome. */
  'recommendation.shown',
  /** props.item; outcome = variant. */
  'recommendation.clicked',
  /** An agent started a video/audio call (#15); outcome = kind. */
  'call.started',
  /** A call ended; outcome = final state (ended, declined, missed, failed); value = connected seconds; props.endedBy, props.reason. */
  'call.ended',
] as const;

export const analyticsEventTypeSchema = z.enum(ANALYTICS_EVENT_TYPES);
export type AnalyticsEventType = z.infer<typeof analyticsEventTypeSchema>;

/** What a caller records: the single definition of an analytics event (the row adds tenant, id and day). */
export const analyticsEventSchema = z.object({
  type: analyticsEventTypeSchema,
  occurredAt: z.date(),
  conversationId: z.string().uuid().nullable().default(null),
  /** A hash of the customer (verified external id, else the visitor), never the raw id. */
  visitorKey: z.string().max(64).nullable().default(null),
  channel: z.string().max(40).default(''),
  template: z.string().max(40).default(''),
  intent: z.string().max(120).nullable().default(null),
  flow: z.string().max(120).nullable().default(null),
  step: z.string().max(120).nullable().default(null),
  faqId: z.string().max(120).nullable().default(null),
  agentId: z.string().uuid().nullable().default(null),
  groupId: z.string().uuid().nullable().default(null),
  outcome: z.string().max(80).nullable().default(null),
  value: z.number().finite().nullable().default(null),
  /** Free text in here is PII-masked by the recorder before it is written. */
  props: z.record(z.string(), z.unknown()).default({}),
});

export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;
export type AnalyticsEventInput = z.input<typeof analyticsEventSchema>;
