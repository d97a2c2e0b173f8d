import { z } from 'zod';

const rate = z.number().nullable().describe('0–1; null when the denominator is 0');
const seconds = z.number().nullable().describe('average seconds; null when nothing was measured');

/** The whole 数据看板 in one response (one request renders the page). */
export const dashboardDtoSchema = z.object({
  range: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  filters: z.object({ channel: z.string().nullable(), template: z.string().nullable(), flow: z.string().nullable(), groupId: z.string().nullable() }),
  /** Each measure's definition, for the screen (the console shows its own translation by key). */
  definitions: z.record(z.string(), z.string()),
  totals: z.object({
    visits: z.number(),
    conversations: z.number(),
    endedConversations: z.number(),
    botResolved: z.number(),
    containmentRate: rate,
    handedOff: z.number(),
    transferRate: rate,
    unserved: z.number(),
    searches: z.number(),
    searchSuccessRate: rate,
    zeroResultRate: rate,
    faqHitRate: rate,
    avgFirstResponseSeconds: seconds,
    avgResolutionSeconds: seconds,
    avgWaitSeconds: seconds,
    ticketsCreated: z.number(),
    ticketClosureRate: rate,
    ticketSlaBreachRate: rate,
    avgTicketFirstResponseSeconds: seconds,
    avgTicketResolutionSeconds: seconds,
    ratings: z.number(),
    csat: rate,
    ratingResponseRate: rate,
    repeatContactRate: rate,
    avgHandlingSeconds: z.number(),
    handlingTimeMeasured: z.boolean(),
    agentHoursSaved: z.number(),
    helpfulRate: rate,
  }),
  series: z.array(
    z.object({ day: z.string(), visits: z.number(), conversations: z.number(), botResolved: z.number(), handedOff: z.number(), containmentRate: rate, ratings: z.number(), csat: rate, tickets: z.number() }),
  ),
  handoffReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  ratingDistribution: z.array(z.object({ stars: z.number(), count: z.number() })),
  recentComments: z.array(z.object({ at: z.string(), stars: z.number(), comment: z.string(), tags: z.array(z.string()), conversationId: z.string().nullable() })),
  flows: z.array(
    z.object({
      flowId: z.string(),
      title: z.string(),
      started: z.number(),
      completed: z.number(),
      failed: z.number(),
      cancelled: z.number(),
      completionRate: rate,
      failureReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
      /** In the flow's own step order; `reached` = times the step was entered. */
      steps: z.array(z.object({ stepId: z.string(), reached: z.number(), failedHere: z.number() })),
    }),
  ),
  intents: z.array(z.object({ intent: z.string(), turns: z.number(), handoffs: z.number(), repeatRate: rate })),
  topUnanswered: z.array(z.object({ question: z.string(), count: z.number() })),
  topFaqs: z.array(z.object({ faqId: z.string(), question: z.string().nullable(), hits: z.number(), helpful: z.number(), notHelpful: z.number() })),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string().nullable(),
      chats: z.number(),
      avgWaitSeconds: seconds,
      avgFirstResponseSeconds: seconds,
      resolved: z.number(),
      avgResolutionSeconds: seconds,
      ratings: z.number(),
      csat: rate,
      ticketsResolved: z.number(),
    }),
  ),
});

export type DashboardDto = z.infer<typeof dashboardDtoSchema>;
