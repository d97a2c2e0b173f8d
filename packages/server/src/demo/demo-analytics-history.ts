import type { Insertable, Kysely } from 'kysely';
import { AnalyticsRecorder } from '../analytics/analytics-recorder.js';
import type { AnalyticsEventInput } from '../analytics/analytics-event.js';
import { analyticsDatabase, type AnalyticsConversationsTable } from '../analytics/analytics-schema.js';
import { visitorKey } from '../analytics/visitor-key.js';
import type { BotConfig } from '../bot/bot-config.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { chinaDayOf, chinaMidnight, type BusinessCalendar } from '../tickets/sla/business-calendar.js';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';

/** How much history a demo tenant gets, ending yesterday. */
const DAYS = 30;
const MARK = 'demo.analytics_history';
const SMALL_TALK = new Set(['greeting', 'thanks', 'goodbye', 'human_agent', 'ticket_status']);
const HANDOFF_REASONS: [string, number][] = [['user_request', 55], ['repeated_failure', 18], ['flow', 14], ['anger', 10], ['high_risk', 3]];
const STARS_BOT: [number, number][] = [[5, 52], [4, 27], [3, 11], [2, 6], [1, 4]];
const STARS_HUMAN: [number, number][] = [[5, 44], [4, 26], [3, 14], [2, 9], [1, 7]];
const STARS_UNSERVED: [number, number][] = [[5, 8], [4, 12], [3, 25], [2, 25], [1, 30]];
/** What customers write under a rating, by stars (the demo's data, not product text). */
const COMMENTS: Record<number, string[]> = {
  5: ['回复很快，问题解决了', '机器人挺聪明的，一下就查到了', '客服态度很好，耐心', '流程很顺畅，点赞'],
  4: ['还不错，就是多问了一次', '解决了，希望再快一点', '总体满意'],
  3: ['一般吧，绕了几圈才找到', '答案有点笼统', '等了一会儿才有人接'],
  2: ['等人工等太久了', '机器人答非所问', '验证码一直收不到，电话13812345678'],
  1: ['问了三遍还是没解决', '排队半小时没人理', '非常不满意，要投诉'],
};
const TAGS: Record<number, string[]> = { 5: ['响应快', '专业'], 4: ['响应快'], 3: ['一般'], 2: ['等待久', '没解决'], 1: ['没解决', '态度差'] };

/** A seeded PRNG (mulberry32): every start simulates the same month for a tenant. */
export function prng(seedText: string): () => number {
  let a = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A month of analytics history for a demo tenant, from simulated conversations on the tenant's own
 * bot (its intents, flows and steps in order, FAQs, chat groups and agents, business calendar):
 * visits through the day, FAQ answers and knowledge gaps, self-service flows that drop off step by
 * step, handoffs with waits and first responses, ratings with comments, tickets with SLA breaches.
 * Recorded through the product's AnalyticsRecorder (so the rollups are the real ones), once per
 * tenant. Demo data only: nothing here is product logic.
 */
export async function seedDemoAnalyticsHistory(
  db: Kysely<Database>,
  tenantId: string,
  slug: string,
  config: BotConfig,
  options: { now?: Date; days?: number; scale?: number; onDay?: (day: number, events: number) => void } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const days = options.days ?? DAYS;
  const adb = analyticsDatabase(db);
  return TenantScope.asTenant(tenantId, async () => {
    const fresh = await adb.insertInto('analytics_marks').values({ tenant_id: tenantId, subject_id: tenantId, mark: MARK }).onConflict((oc) => oc.doNothing()).returning('mark').executeTakeFirst();
    if (!fresh) return 0;
    const tdb = ticketDatabase(db);
    const [faqs, groups, members] = await Promise.all([
      db.selectFrom('faqs').select(['id']).where('tenant_id', '=', tenantId).execute(),
      tdb.selectFrom('agent_groups').select(['id', 'chat_intents', 'is_chat_default', 'handles_chat', 'calendar_id']).where('tenant_id', '=', tenantId).execute(),
      tdb.selectFrom('agent_group_members as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['m.group_id', 'm.user_id']).where('m.tenant_id', '=', tenantId).where('u.role', '=', 'agent').execute(),
    ]);
    const calendar = await new SlaCalendarCache().get(tdb, tenantId, null);
    const sim = new MonthSimulation(prng(slug), tenantId, config, {
      faqIds: faqs.map((f) => f.id),
      groups: groups.filter((g) => g.handles_chat).map((g) => ({ id: g.id, intents: g.chat_intents, isDefault: g.is_chat_default, agents: members.filter((m) => m.group_id === g.id).map((m) => m.user_id) })),
      calendar,
    }, options.scale ?? 1);
    const recorder = new AnalyticsRecorder(db);
    const today = chinaDayOf(now);
    let events = 0;
    for (let d = days; d >= 1; d--) {
      const dayStart = chinaMidnight(today) - d * 86_400_000;
      const { events: dayEvents, conversations } = sim.day(dayStart);
      await adb.transaction().execute(async (trx) => {
        await recorder.record(tenantId, dayEvents, trx);
        for (let i = 0; i < conversations.length; i += 500) await trx.insertInto('analytics_conversations').values(conversations.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
      });
      events += dayEvents.length;
      options.onDay?.(days - d + 1, events);
    }
    return events;
  });
}

export interface SimGroup {
  id: string;
  intents: string[];
  isDefault: boolean;
  agents: string[];
}

export type ConversationRow = Insertable<AnalyticsConversationsTable>;

/**
 * Simulated conversations and tickets of one tenant, a day at a time, as analytics events and
 * per-conversation rows. `scale` multiplies the daily volume (the analytics benchmark's million events).
 */
export class MonthSimulation {
  private readonly intents: string[];
  private readonly customers: string[];
  /** customer → intent → last time asked (repeat contacts within 7 days). */
  private readonly lastAsked = new Map<string, Map<string, number>>();
  private readonly gaps: string[];

  constructor(
    private readonly r: () => number,
    private readonly tenantId: string,
    private readonly config: BotConfig,
    private readonly desk: { faqIds: string[]; groups: SimGroup[]; calendar: BusinessCalendar },
    private readonly scale = 1,
  ) {
    this.intents = config.intents.intents.map((i) => i.id).filter((id) => !SMALL_TALK.has(id));
    // A customer base small enough that people come back.
    this.customers = Array.from({ length: 700 }, (_, i) => visitorKey(tenantId, { externalId: `demo-customer-${i}`, visitorId: '' }));
    this.gaps = [...config.intents.outOfScope, ...(config.intents.vague ?? [])];
  }

  day(dayStart: number): { events: AnalyticsEventInput[]; conversations: ConversationRow[] } {
    const weekday = new Date(dayStart + 8 * 3_600_000).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const volume = Math.round((weekend ? 45 : 85) * this.scale * (0.85 + this.r() * 0.3));
    const events: AnalyticsEventInput[] = [];
    const conversations: ConversationRow[] = [];
    for (let i = 0; i < volume; i++) this.conversation(dayStart, events, conversations);
    const tickets = Math.round((weekend ? 2 : 6) * this.scale * (0.7 + this.r() * 0.6));
    for (let i = 0; i < tickets; i++) this.ticket(dayStart, events);
    return { events, conversations };
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  private weighted<T>(pairs: readonly [T, number][]): T {
    const sum = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.r() * sum;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  }

  /** A visit time: busiest mid-morning and in the evening. */
  private timeOfDay(dayStart: number): number {
    const hour = this.weighted<number>([[8, 3], [9, 6], [10, 9], [11, 8], [12, 5], [13, 5], [14, 7], [15, 7], [16, 6], [17, 5], [18, 4], [19, 6], [20, 8], [21, 6], [22, 3]]);
    return dayStart + hour * 3_600_000 + Math.floor(this.r() * 3_600_000);
  }

  private conversation(dayStart: number, events: AnalyticsEventInput[], rows: ConversationRow[]): void {
    const id = crypto.randomUUID();
    const customer = this.customers[Math.floor(this.r() ** 1.6 * this.customers.length)]!;
    let t = this.timeOfDay(dayStart);
    const started = t;
    const base = { conversationId: id, visitorKey: customer, channel: this.weighted<string>([['web', 55], ['app', 30], ['wechat_mini', 15]]), template: this.config.templateId ?? '' };
    const at = () => new Date(t);
    events.push({ ...base, type: 'conversation.started', occurredAt: at() });
    const row: ConversationRow = { tenant_id: this.tenantId, conversation_id: id, started_at: new Date(started), day: chinaDayOf(new Date(started)), visitor_key: customer, channel: base.channel, template: base.template, last_activity_at: new Date(started), bot_turns: 0 };
    if (this.r() < 0.08) {
      t += 60_000;
      events.push({ ...base, type: 'conversation.ended', occurredAt: at(), outcome: 'no_engagement' });
      rows.push({ ...row, ended_at: at(), outcome: 'no_engagement', last_activity_at: at() });
      return;
    }
    const intent = this.pick(this.intents);
    const asked = this.lastAsked.get(customer) ?? new Map<string, number>();
    const repeat = (asked.get(intent) ?? -Infinity) > t - 7 * 86_400_000;
    asked.set(intent, t);
    this.lastAsked.set(customer, asked);
    t += 20_000;
    events.push({ ...base, type: 'conversation.engaged', occurredAt: at(), intent, outcome: repeat ? 'repeat' : 'first' });
    let turns = 0;
    let wantsHuman = false;
    let handoffReason = this.weighted(HANDOFF_REASONS);
    const flow = this.config.flows.find((f) => f.intent === intent);
    if (this.r() < 0.22) {
      const question = this.pick(this.gaps);
      turns++;
      events.push({ ...base, type: 'bot.turn', occurredAt: at(), intent: null, outcome: 'fallback', value: null, props: { question, unanswered: true } });
      wantsHuman = this.r() < 0.45;
      if (wantsHuman) handoffReason = 'repeated_failure';
    } else if (flow && this.r() < 0.8) {
      events.push({ ...base, type: 'selfservice.started', occurredAt: at(), flow: flow.id, intent });
      const path = this.walk(flow);
      const finished = path.end;
      const reason = path.reason;
      for (const [index, stepId] of path.steps.entries()) {
        t += 15_000 + Math.floor(this.r() * 40_000);
        turns++;
        events.push({ ...base, type: 'selfservice.step', occurredAt: at(), flow: flow.id, step: stepId, intent, props: { index } });
        events.push({ ...base, type: 'bot.turn', occurredAt: at(), intent, flow: flow.id, step: stepId, outcome: 'slot_filled', value: 0.8 + this.r() * 0.19 });
      }
      const lastStep = path.steps[path.steps.length - 1] ?? flow.steps[0]!.id;
      if (finished === 'completed') events.push({ ...base, type: 'selfservice.completed', occurredAt: at(), flow: flow.id, step: lastStep, intent });
      else if (finished === 'cancelled') events.push({ ...base, type: 'selfservice.cancelled', occurredAt: at(), flow: flow.id, step: lastStep, intent });
      else if (finished === 'failed') {
        events.push({ ...base, type: 'selfservice.failed', occurredAt: at(), flow: flow.id, step: lastStep, intent, outcome: reason });
        wantsHuman = reason === 'handoff' || this.r() < 0.3;
        if (wantsHuman) handoffReason = 'flow';
      }
    } else {
      const faqId = this.desk.faqIds.length ? this.desk.faqIds[Math.floor(this.r() ** 2 * this.desk.faqIds.length)]! : null;
      const confidence = 0.62 + this.r() * 0.36;
      turns++;
      events.push({ ...base, type: 'bot.turn', occurredAt: at(), intent, faqId, outcome: 'answered', value: confidence });
      if (faqId && this.r() < 0.18) events.push({ ...base, type: 'answer.feedback', occurredAt: at(), faqId, intent, outcome: this.r() < 0.8 ? 'helpful' : 'not_helpful' });
      if (this.r() < 0.25) {
        const none = this.r() < 0.12;
        events.push({ ...base, type: 'search.performed', occurredAt: at(), outcome: none ? 'none' : 'results', value: none ? 0 : 1 + Math.floor(this.r() * 8), props: { query: this.pick(this.config.intents.intents.find((i) => i.id === intent)!.utterances) } });
        if (!none && this.r() < 0.62) events.push({ ...base, type: 'search.clicked', occurredAt: at(), faqId });
      }
    }
    if (!wantsHuman && this.r() < 0.1) wantsHuman = true;
    row.first_intent = intent;
    row.last_intent = intent;
    row.bot_turns = turns;
    let outcome: 'bot_resolved' | 'human' | 'unserved' = 'bot_resolved';
    let agent: string | null = null;
    let group: SimGroup | undefined;
    if (wantsHuman) {
      group = this.desk.groups.find((g) => g.intents.includes(intent)) ?? this.desk.groups.find((g) => g.isDefault) ?? this.desk.groups[0];
      t += 10_000;
      const queued = t;
      events.push({ ...base, type: 'handoff.requested', occurredAt: at(), groupId: group?.id ?? null, intent, outcome: handoffReason });
      Object.assign(row, { handoff_at: at(), handoff_reason: handoffReason, group_id: group?.id ?? null });
      const open = this.desk.calendar.isOpenAt(at());
      if (group && group.agents.length > 0 && (open ? this.r() < 0.93 : this.r() < 0.25)) {
        agent = this.pick(group.agents);
        const wait = Math.round(20 + -Math.log(1 - this.r()) * (open ? 90 : 400));
        t += wait * 1000;
        events.push({ ...base, type: 'handoff.assigned', occurredAt: at(), groupId: group.id, agentId: agent, intent, value: wait });
        t += (15 + Math.floor(this.r() * 60)) * 1000;
        const frt = Math.round(this.desk.calendar.businessMsBetween(queued, t) / 1000);
        events.push({ ...base, type: 'agent.first_response', occurredAt: at(), groupId: group.id, agentId: agent, intent, value: frt });
        Object.assign(row, { assigned_at: new Date(queued + wait * 1000), agent_id: agent, wait_seconds: wait, first_agent_reply_at: at(), first_response_business_seconds: frt });
        t += (180 + Math.floor(-Math.log(1 - this.r()) * 420)) * 1000;
        outcome = 'human';
        const resolution = Math.round(this.desk.calendar.businessMsBetween(queued, t) / 1000);
        events.push({ ...base, type: 'conversation.ended', occurredAt: at(), groupId: group.id, agentId: agent, intent, outcome, value: resolution });
        Object.assign(row, { resolution_business_seconds: resolution });
      } else {
        t += 120_000;
        outcome = 'unserved';
        events.push({ ...base, type: 'handoff.unserved', occurredAt: at(), groupId: group?.id ?? null, intent, outcome: open ? 'cancelled' : 'left_message' });
        events.push({ ...base, type: 'conversation.ended', occurredAt: at(), groupId: group?.id ?? null, intent, outcome });
      }
    } else {
      t += 30 * 60_000;
      events.push({ ...base, type: 'conversation.ended', occurredAt: at(), intent, outcome });
    }
    Object.assign(row, { ended_at: at(), outcome, last_activity_at: at() });
    if (this.r() < 0.7) {
      events.push({ ...base, type: 'rating.requested', occurredAt: at(), props: { survey: 'conversation' } });
      if (this.r() < 0.42) {
        const stars = this.weighted(outcome === 'human' ? STARS_HUMAN : outcome === 'unserved' ? STARS_UNSERVED : STARS_BOT);
        const comment = this.r() < 0.3 ? this.pick(COMMENTS[stars]!) : null;
        events.push({ ...base, type: 'rating.submitted', occurredAt: new Date(t + 30_000), groupId: group?.id ?? null, agentId: agent, intent, outcome: String(stars), value: stars, props: { survey: 'conversation', tags: this.r() < 0.5 ? [this.pick(TAGS[stars]!)] : [], ...(comment ? { comment } : {}) } });
        row.rating = stars;
      }
    }
    rows.push(row);
  }

  /**
   * One customer's path through a flow, following the definition: branches mostly onward (to a
   * step that is not an end), confirmations mostly yes, connector calls failing now and then —
   * more often at verification steps — and a few customers leaving at a question.
   */
  private walk(flow: BotConfig['flows'][number]): { steps: string[]; end: 'completed' | 'failed' | 'cancelled' | 'abandoned'; reason: string } {
    const byId = new Map(flow.steps.map((st, i) => [st.id, i]));
    const steps: string[] = [];
    let i = 0;
    for (let hop = 0; hop < 14 && i < flow.steps.length; hop++) {
      const step = flow.steps[i]! as { id: string; type: string; next?: string; outcome?: string; branches?: { next: string }[]; default?: string; yes?: string; no?: string; onError?: string; action?: string };
      steps.push(step.id);
      const following = (target?: string) => (target !== undefined ? (byId.get(target) ?? flow.steps.length) : i + 1);
      if (step.type === 'end') return { steps, end: step.outcome === 'failed' ? 'failed' : step.outcome === 'cancelled' ? 'cancelled' : 'completed', reason: 'failed' };
      if (step.type === 'handoff') return { steps, end: 'failed', reason: 'handoff' };
      if ((step.type === 'slot' || step.type === 'confirm') && this.r() < 0.035) return { steps, end: 'abandoned', reason: 'abandoned' };
      if (step.type === 'branch') {
        const targets = [...(step.branches ?? []).map((b) => b.next), ...(step.default ? [step.default] : [])];
        const onward = targets.filter((id) => (flow.steps[byId.get(id) ?? -1] as { type?: string } | undefined)?.type !== 'end');
        i = following(this.r() < 0.8 && onward.length ? this.pick(onward) : this.pick(targets));
      } else if (step.type === 'confirm') {
        i = following(this.r() < 0.9 ? step.yes : step.no);
      } else if (step.type === 'action') {
        const risky = /sms|otp|code|verify|验证/i.test(`${step.id} ${step.action ?? ''}`) ? 0.2 : 0.05;
        if (this.r() < risky) {
          if (!step.onError) return { steps, end: 'failed', reason: 'failed' };
          i = following(step.onError);
        } else i = following(step.next);
      } else {
        i = following(step.next);
      }
    }
    return { steps, end: 'completed', reason: 'failed' };
  }

  private ticket(dayStart: number, events: AnalyticsEventInput[]): void {
    const group = this.desk.groups.length ? this.pick(this.desk.groups) : undefined;
    const created = this.timeOfDay(dayStart);
    const base = { channel: this.weighted<string>([['widget', 50], ['chat', 30], ['console', 15], ['api', 5]]), groupId: group?.id ?? null, template: this.config.templateId ?? '' };
    const agent = group?.agents.length ? this.pick(group.agents) : null;
    events.push({ ...base, type: 'ticket.created', occurredAt: new Date(created) });
    const firstAt = this.desk.calendar.addBusinessMs(created, (10 + Math.floor(this.r() * 200)) * 60_000);
    if (firstAt === null) return;
    events.push({ ...base, agentId: agent, type: 'ticket.first_response', occurredAt: new Date(firstAt), value: Math.round(this.desk.calendar.businessMsBetween(created, firstAt) / 1000) });
    if (this.r() < 0.07) events.push({ ...base, agentId: agent, type: 'ticket.sla_breached', occurredAt: new Date(firstAt), outcome: this.r() < 0.5 ? 'first_response' : 'resolution' });
    if (this.r() < 0.85) {
      const resolvedAt = this.desk.calendar.addBusinessMs(firstAt, (60 + Math.floor(this.r() * 1500)) * 60_000);
      if (resolvedAt === null || resolvedAt > Date.now()) return;
      events.push({ ...base, agentId: agent, type: 'ticket.resolved', occurredAt: new Date(resolvedAt), value: Math.round(this.desk.calendar.businessMsBetween(created, resolvedAt) / 1000) });
      if (this.r() < 0.8 && resolvedAt + 86_400_000 < Date.now()) events.push({ ...base, agentId: agent, type: 'ticket.closed', occurredAt: new Date(resolvedAt + 86_400_000) });
    }
  }
}
