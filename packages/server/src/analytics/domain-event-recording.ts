import type { DomainEventMap, DomainEvents } from '../events/domain-events.js';
import type { AnalyticsRecorder } from './analytics-recorder.js';
import type { ConversationAnalytics } from './conversation-analytics.js';
import type { TicketAnalytics } from './ticket-analytics.js';

const WIDGET_CHANNEL = 'web';

/**
 * Subscribes the recorders to the domain events (after each change committed). A failure to
 * record is logged and dropped: analytics must never fail or slow the customer's request.
 * @returns unsubscribe
 */
export function recordDomainEvents(
  events: DomainEvents,
  parts: { recorder: AnalyticsRecorder; conversations: ConversationAnalytics; tickets: TicketAnalytics },
  log: { error(obj: object, msg: string): void },
): () => void {
  const { recorder, conversations, tickets } = parts;
  const safe =
    <K extends keyof DomainEventMap>(name: K, fn: (p: DomainEventMap[K]) => Promise<unknown>) =>
    (p: DomainEventMap[K]) => {
      fn(p).catch((err: unknown) => log.error({ err, event: name, tenantId: (p as { tenantId?: string }).tenantId }, 'analytics recording failed'));
    };
  const offs = [
    events.on('conversation.updated', safe('conversation.updated', (p) => conversations.conversationUpdated(p.tenantId, p.conversation))),
    events.on('bot.turn', safe('bot.turn', (p) => conversations.botTurn(p))),
    events.on('handoff.changed', safe('handoff.changed', (p) => conversations.handoffChanged(p))),
    events.on('message.created', safe('message.created', (p) => conversations.messageCreated(p.tenantId, p.message))),
    events.on('rating.submitted', safe('rating.submitted', (p) => conversations.ratingSubmitted(p))),
    events.on('ticket.changed', safe('ticket.changed', (p) => tickets.ticketChanged(p))),
    events.on('ticket.sla_alert', safe('ticket.sla_alert', (p) => tickets.slaAlert(p))),
    events.on(
      'rating.requested',
      safe('rating.requested', (p) => recorder.record(p.tenantId, [{ type: 'rating.requested', occurredAt: new Date(p.at), conversationId: p.conversationId, channel: WIDGET_CHANNEL, props: { survey: p.survey } }])),
    ),
    events.on(
      'answer.feedback',
      safe('answer.feedback', (p) =>
        recorder.record(p.tenantId, [{ type: 'answer.feedback', occurredAt: new Date(p.at), conversationId: p.conversationId, channel: WIDGET_CHANNEL, faqId: p.faqId, intent: p.intent, outcome: p.helpful ? 'helpful' : 'not_helpful', props: { messageId: p.messageId } }]),
      ),
    ),
    events.on(
      'recommendation.shown',
      safe('recommendation.shown', (p) =>
        recorder.record(p.tenantId, [{ type: 'recommendation.shown', occurredAt: new Date(p.at), conversationId: p.conversationId, visitorKey: p.visitorKey, channel: WIDGET_CHANNEL, outcome: p.variant, value: p.items.length, props: { items: p.items, placement: p.placement, experimentId: p.experimentId } }]),
      ),
    ),
    events.on(
      'recommendation.clicked',
      safe('recommendation.clicked', (p) =>
        recorder.record(p.tenantId, [{ type: 'recommendation.clicked', occurredAt: new Date(p.at), conversationId: p.conversationId, visitorKey: p.visitorKey, channel: WIDGET_CHANNEL, outcome: p.variant, props: { item: p.item, placement: p.placement, experimentId: p.experimentId } }]),
      ),
    ),
    events.on(
      'search.performed',
      safe('search.performed', (p) =>
        recorder.record(p.tenantId, [{ type: 'search.performed', occurredAt: new Date(p.at), conversationId: p.conversationId, channel: WIDGET_CHANNEL, outcome: p.results > 0 ? 'results' : 'none', value: p.results, props: { query: p.query.slice(0, 200) } }]),
      ),
    ),
    events.on(
      'search.clicked',
      safe('search.clicked', (p) => recorder.record(p.tenantId, [{ type: 'search.clicked', occurredAt: new Date(p.at), conversationId: p.conversationId, channel: WIDGET_CHANNEL, faqId: p.faqId, props: { query: p.query.slice(0, 200), resultId: p.resultId } }])),
    ),
  ];
  return () => offs.forEach((off) => off());
}
