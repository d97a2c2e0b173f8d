/** `GET /analytics/dashboard` (packages/server/src/analytics/dashboard-dto.ts). Rates are 0–1 or null when nothing was measured. */
export interface Dashboard {
  range: { from: string; to: string; days: number };
  filters: { channel: string | null; template: string | null; flow: string | null; groupId: string | null };
  definitions: Record<string, string>;
  totals: {
    visits: number;
    conversations: number;
    endedConversations: number;
    botResolved: number;
    containmentRate: number | null;
    handedOff: number;
    transferRate: number | null;
    unserved: number;
    searches: number;
    searchSuccessRate: number | null;
    zeroResultRate: number | null;
    faqHitRate: number | null;
    avgFirstResponseSeconds: number | null;
    avgResolutionSeconds: number | null;
    avgWaitSeconds: number | null;
    ticketsCreated: number;
    ticketClosureRate: number | null;
    ticketSlaBreachRate: number | null;
    avgTicketFirstResponseSeconds: number | null;
    avgTicketResolutionSeconds: number | null;
    ratings: number;
    csat: number | null;
    ratingResponseRate: number | null;
    repeatContactRate: number | null;
    avgHandlingSeconds: number;
    handlingTimeMeasured: boolean;
    agentHoursSaved: number;
    helpfulRate: number | null;
  };
  series: { day: string; visits: number; conversations: number; botResolved: number; handedOff: number; containmentRate: number | null; ratings: number; csat: number | null; tickets: number }[];
  handoffReasons: { reason: string; count: number }[];
  ratingDistribution: { stars: number; count: number }[];
  recentComments: { at: string; stars: number; comment: string; tags: string[]; conversationId: string | null }[];
  flows: {
    flowId: string;
    title: string;
    started: number;
    completed: number;
    failed: number;
    cancelled: number;
    completionRate: number | null;
    failureReasons: { reason: string; count: number }[];
    steps: { stepId: string; reached: number; failedHere: number }[];
  }[];
  intents: { intent: string; turns: number; handoffs: number; repeatRate: number | null }[];
  topUnanswered: { question: string; count: number }[];
  topFaqs: { faqId: string; question: string | null; hits: number; helpful: number; notHelpful: number }[];
  agents: {
    agentId: string;
    name: string | null;
    chats: number;
    avgWaitSeconds: number | null;
    avgFirstResponseSeconds: number | null;
    resolved: number;
    avgResolutionSeconds: number | null;
    ratings: number;
    csat: number | null;
    ticketsResolved: number;
  }[];
}

/** The dashboard's filters; days are `YYYY-MM-DD` (Asia/Shanghai), at most 13 months apart. */
export interface DashboardFilter {
  /** Both or neither: without them the server shows the last 30 days up to and including today (Asia/Shanghai). */
  from?: string;
  to?: string;
  channel?: string;
  flow?: string;
  groupId?: string;
}
