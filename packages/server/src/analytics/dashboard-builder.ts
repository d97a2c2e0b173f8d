import { daysOf, type DashboardFilter } from './dashboard-filter.js';
import type { DashboardDto } from './dashboard-dto.js';
import type { DaySum, DimensionSum, RatingComment, RollupSum } from './rollup-reader.js';

/** Used for hours saved when no conversation in the range was handled by a human to measure it on. */
export const DEFAULT_HANDLING_SECONDS = 360;

/** The definitions shown on screen (zh-CN; the console translates by key). */
export const DASHBOARD_DEFINITIONS: Record<string, string> = {
  containmentRate: '机器人解决率 = 结束时未转到人工（未被坐席接入）的会话 ÷ 结束的有效会话（客户至少提问一次）',
  transferRate: '转人工率 = 请求过人工的会话 ÷ 结束的有效会话；原因按每次转人工请求统计',
  searchSuccessRate: '自助搜索成功率 = 点开了结果的搜索 ÷ 全部搜索（无结果率 = 无结果的搜索 ÷ 全部搜索）',
  completionRate: '流程完成率 = 走完的流程 ÷ 开始的流程；漏斗为各步骤被进入的次数，按流程定义的步骤顺序',
  faqHitRate: 'FAQ 命中率 = 用知识库答案回答的问题 ÷（用知识库答案回答的问题 + 未答上的问题：兜底或置信度 < 0.6）',
  firstResponse: '首次响应时长 = 转人工请求到坐席第一条消息之间的工作时间（按坐席组的工作日历，机器人时间不计）',
  resolution: '解决时长 = 转人工请求到会话关闭之间的工作时间；工单为创建到解决之间的工作时间',
  ticketClosureRate: '工单关闭率 = 期间关闭的工单 ÷ 期间创建的工单；SLA 违约率 = 首次违约的工单 ÷ 期间创建的工单',
  csat: 'CSAT = 4–5 星评价 ÷ 全部会话评价（回访评价不计入）；回收率 = 评价数 ÷ 邀评次数',
  repeatContactRate: '重复来访率 = 同一客户 7 天内以同一意图再次来访的会话 ÷ 有效会话',
  avgWait: '平均等待 = 转人工请求到坐席接入之间的时长（自然时间）',
  agentHoursSaved: '节省人工时长 = 机器人解决的会话数 × 本期人工会话的平均处理时长（无人工会话时按 6 分钟计）',
};

/** The metrics the per-day series shows (the `all` dimension); the range totals read every metric. */
export const SERIES_METRICS: readonly string[] = [
  'conversation.started',
  'conversation.engaged',
  'conversation.ended',
  'conversation.ended:no_engagement',
  'conversation.ended:bot_resolved',
  'conversation.ended:human',
  'conversation.ended:unserved',
  'rating.submitted:1',
  'rating.submitted:2',
  'rating.submitted:3',
  'rating.submitted:4',
  'rating.submitted:5',
  'ticket.created',
];

export interface FlowInfo {
  id: string;
  title: string;
  stepIds: string[];
}

export interface DashboardInput {
  filter: DashboardFilter;
  /** Per day, at least the SERIES_METRICS. */
  perDay: DaySum[];
  /** Over the whole range, every metric (the `all` dimension). */
  totals: RollupSum[];
  perDimension: DimensionSum[];
  topUnanswered: { question: string; count: number }[];
  /** All unanswered bot turns in the range (the question dimension's sum). */
  unansweredTurns: number;
  recentComments: RatingComment[];
  flows: FlowInfo[];
  agentNames: Map<string, string>;
  faqQuestions: Map<string, string>;
}

type Sums = Map<string, { count: number; total: number }>;

function add(into: Sums, metric: string, count: number, total: number): void {
  const cell = into.get(metric);
  if (cell) {
    cell.count += count;
    cell.total += total;
  } else {
    into.set(metric, { count, total });
  }
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const avg = (s: { count: number; total: number } | undefined): number | null => (s && s.count > 0 ? s.total / s.count : null);

/**
 * Turns summed rollups into the dashboard's measures (pure: the definitions live here and in
 * DASHBOARD_DEFINITIONS, and the tests check them on hand-made conversations).
 */
export function buildDashboard(input: DashboardInput): DashboardDto {
  const { filter } = input;
  const totals: Sums = new Map();
  const byDay = new Map<string, Sums>();
  for (const r of input.totals) add(totals, r.metric, r.count, r.total);
  for (const r of input.perDay) {
    let day = byDay.get(r.day);
    if (!day) byDay.set(r.day, (day = new Map()));
    add(day, r.metric, r.count, r.total);
  }
  const n = (s: Sums, metric: string) => s.get(metric)?.count ?? 0;
  const csatOf = (s: Sums) => {
    const rated = [1, 2, 3, 4, 5].reduce((sum, k) => sum + n(s, `rating.submitted:${k}`), 0);
    return { rated, csat: ratio(n(s, 'rating.submitted:4') + n(s, 'rating.submitted:5'), rated) };
  };
  const engagedEnded = (s: Sums) => n(s, 'conversation.ended') - n(s, 'conversation.ended:no_engagement');

  const ended = engagedEnded(totals);
  const botResolved = n(totals, 'conversation.ended:bot_resolved');
  const human = n(totals, 'conversation.ended:human');
  const unserved = n(totals, 'conversation.ended:unserved');
  const humanTime = totals.get('conversation.ended:human');
  const measuredHandling = avg(humanTime);
  const handlingSeconds = measuredHandling ?? DEFAULT_HANDLING_SECONDS;
  const { rated, csat } = csatOf(totals);
  const requested = n(totals, 'rating.requested');
  const searches = n(totals, 'search.performed');

  // FAQ hits and unanswered turns come from the breakdown cells (the FAQ and question dimensions).
  const dims = groupDims(input.perDimension);
  const faqTurns = sumOver(dims.get('faq'), 'bot.turn');
  const unanswered = input.unansweredTurns;

  const ticketsCreated = n(totals, 'ticket.created');
  const helpful = n(totals, 'answer.feedback:helpful');
  const notHelpful = n(totals, 'answer.feedback:not_helpful');

  const series = daysOf(filter).map((day) => {
    const s = byDay.get(day) ?? new Map();
    const e = engagedEnded(s);
    const { rated: dayRated, csat: dayCsat } = csatOf(s);
    return {
      day,
      visits: n(s, 'conversation.started'),
      conversations: n(s, 'conversation.engaged'),
      botResolved: n(s, 'conversation.ended:bot_resolved'),
      handedOff: n(s, 'conversation.ended:human') + n(s, 'conversation.ended:unserved'),
      containmentRate: ratio(n(s, 'conversation.ended:bot_resolved'), e),
      ratings: dayRated,
      csat: dayCsat,
      tickets: n(s, 'ticket.created'),
    };
  });

  return {
    range: { from: filter.from, to: filter.to, days: series.length },
    filters: { channel: filter.channel, template: filter.template, flow: filter.flow, groupId: filter.groupId },
    definitions: DASHBOARD_DEFINITIONS,
    totals: {
      visits: n(totals, 'conversation.started'),
      conversations: n(totals, 'conversation.engaged'),
      endedConversations: ended,
      botResolved,
      containmentRate: ratio(botResolved, ended),
      handedOff: human + unserved,
      transferRate: ratio(human + unserved, ended),
      unserved,
      searches,
      searchSuccessRate: searches > 0 ? Math.min(1, n(totals, 'search.clicked') / searches) : null,
      zeroResultRate: ratio(n(totals, 'search.performed:none'), searches),
      faqHitRate: ratio(faqTurns, faqTurns + unanswered),
      avgFirstResponseSeconds: avg(totals.get('agent.first_response')),
      avgResolutionSeconds: avg(humanTime),
      avgWaitSeconds: avg(totals.get('handoff.assigned')),
      ticketsCreated,
      ticketClosureRate: ratio(n(totals, 'ticket.closed'), ticketsCreated),
      ticketSlaBreachRate: ratio(n(totals, 'ticket.sla_breached'), ticketsCreated),
      avgTicketFirstResponseSeconds: avg(totals.get('ticket.first_response')),
      avgTicketResolutionSeconds: avg(totals.get('ticket.resolved')),
      ratings: rated,
      csat,
      ratingResponseRate: requested > 0 ? Math.min(1, rated / requested) : null,
      repeatContactRate: ratio(n(totals, 'conversation.engaged:repeat'), n(totals, 'conversation.engaged')),
      avgHandlingSeconds: Math.round(handlingSeconds),
      handlingTimeMeasured: measuredHandling !== null,
      agentHoursSaved: Math.round(((botResolved * handlingSeconds) / 3600) * 10) / 10,
      helpfulRate: ratio(helpful, helpful + notHelpful),
    },
    series,
    handoffReasons: outcomesOf(totals, 'handoff.requested').map(([reason, count]) => ({ reason, count })),
    ratingDistribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: n(totals, `rating.submitted:${stars}`) })),
    recentComments: input.recentComments,
    flows: flowsOf(dims, input.flows, filter.flow),
    intents: [...(dims.get('intent') ?? new Map()).entries()]
      .map(([intent, s]) => ({ intent, turns: n(s, 'bot.turn'), handoffs: n(s, 'handoff.requested'), repeatRate: ratio(n(s, 'conversation.engaged:repeat'), n(s, 'conversation.engaged')) }))
      .sort((a, b) => b.turns - a.turns || a.intent.localeCompare(b.intent))
      .slice(0, 30),
    topUnanswered: input.topUnanswered,
    topFaqs: [...(dims.get('faq') ?? new Map()).entries()]
      .map(([faqId, s]) => ({ faqId, question: input.faqQuestions.get(faqId) ?? null, hits: n(s, 'bot.turn'), helpful: n(s, 'answer.feedback:helpful'), notHelpful: n(s, 'answer.feedback:not_helpful') }))
      .sort((a, b) => b.hits - a.hits || a.faqId.localeCompare(b.faqId))
      .slice(0, 20),
    agents: [...(dims.get('agent') ?? new Map()).entries()]
      .map(([agentId, s]) => {
        const agentRated = csatOf(s);
        return {
          agentId,
          name: input.agentNames.get(agentId) ?? null,
          chats: n(s, 'handoff.assigned'),
          avgWaitSeconds: avg(s.get('handoff.assigned')),
          avgFirstResponseSeconds: avg(s.get('agent.first_response')),
          resolved: n(s, 'conversation.ended:human'),
          avgResolutionSeconds: avg(s.get('conversation.ended:human')),
          ratings: n(s, 'rating.submitted'),
          csat: ratio(n(s, 'rating.submitted:4') + n(s, 'rating.submitted:5'), agentRated.rated || n(s, 'rating.submitted')),
          ticketsResolved: n(s, 'ticket.resolved'),
        };
      })
      .sort((a, b) => b.chats - a.chats || b.resolved - a.resolved || a.agentId.localeCompare(b.agentId)),
  };
}

function groupDims(rows: DimensionSum[]): Map<string, Map<string, Sums>> {
  const out = new Map<string, Map<string, Sums>>();
  for (const r of rows) {
    let kind = out.get(r.dimKind);
    if (!kind) out.set(r.dimKind, (kind = new Map()));
    let sums = kind.get(r.dimKey);
    if (!sums) kind.set(r.dimKey, (sums = new Map()));
    add(sums, r.metric, r.count, r.total);
  }
  return out;
}

function sumOver(kind: Map<string, Sums> | undefined, metric: string): number {
  let sum = 0;
  for (const s of kind?.values() ?? []) sum += s.get(metric)?.count ?? 0;
  return sum;
}

/** `metric:outcome` cells of a metric, largest first. */
function outcomesOf(s: Sums, metric: string): [string, number][] {
  const prefix = `${metric}:`;
  return [...s.entries()]
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]): [string, number] => [k.slice(prefix.length), v.count])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function flowsOf(dims: Map<string, Map<string, Sums>>, known: FlowInfo[], only: string | null): DashboardDto['flows'] {
  const flowDims = dims.get('flow') ?? new Map<string, Sums>();
  const stepDims = dims.get('step') ?? new Map<string, Sums>();
  const ids = new Set([...flowDims.keys()]);
  const out: DashboardDto['flows'] = [];
  for (const flowId of ids) {
    if (only && flowId !== only) continue;
    const s = flowDims.get(flowId)!;
    const info = known.find((f) => f.id === flowId);
    const c = (m: string) => s.get(m)?.count ?? 0;
    const started = c('selfservice.started');
    if (started === 0 && c('selfservice.step') === 0) continue;
    const reasons = [...s.entries()]
      .filter(([k]) => k.startsWith('selfservice.failed:'))
      .map(([k, v]) => ({ reason: k.slice('selfservice.failed:'.length), count: v.count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    // Steps in the flow definition's order; a step no longer in the definition goes last.
    const seen = [...stepDims.keys()].filter((k) => k.startsWith(`${flowId}/`)).map((k) => k.slice(flowId.length + 1));
    const order = info ? [...info.stepIds, ...seen.filter((id) => !info.stepIds.includes(id)).sort()] : seen.sort();
    const steps = order
      .map((stepId) => {
        const st = stepDims.get(`${flowId}/${stepId}`);
        return { stepId, reached: st?.get('selfservice.step')?.count ?? 0, failedHere: st?.get('selfservice.failed')?.count ?? 0 };
      })
      .filter((st, i) => st.reached > 0 || st.failedHere > 0 || (info?.stepIds.includes(st.stepId) ?? false) || i === 0);
    out.push({
      flowId,
      title: info?.title ?? flowId,
      started,
      completed: c('selfservice.completed'),
      failed: c('selfservice.failed'),
      cancelled: c('selfservice.cancelled'),
      completionRate: ratio(c('selfservice.completed'), started),
      failureReasons: reasons,
      steps,
    });
  }
  return out.sort((a, b) => b.started - a.started || a.flowId.localeCompare(b.flowId));
}
