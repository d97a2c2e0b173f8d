/** The ticket administration screens, under `#/ticket-admin/<section>`. */
export const TICKET_ADMIN_SECTIONS = ['groups', 'categories', 'rules', 'sla', 'calendar'] as const;
export type TicketAdminSection = (typeof TICKET_ADMIN_SECTIONS)[number];

/** The staffing screens (agents' skills and capacity, canned replies), under `#/agent-admin/<section>`. */
export const AGENT_ADMIN_SECTIONS = ['agents', 'canned-replies'] as const;
export type AgentAdminSection = (typeof AGENT_ADMIN_SECTIONS)[number];

/** The screens of the console. */
export type Route =
  | { screen: 'conversations'; conversationId: string | null }
  /** The agent workspace (`#/workspace`), or one staffed chat in it (`#/workspace/<conversationId>`). */
  | { screen: 'workspace'; conversationId: string | null }
  /** The queues (`#/tickets`) or one ticket (`#/tickets/<id>`). */
  | { screen: 'tickets'; ticketId: string | null }
  | { screen: 'ticket-admin'; section: TicketAdminSection }
  | { screen: 'faq' }
  | { screen: 'articles'; articleId: string | null }
  | { screen: 'suggestions' }
  /** Imported manuals and policy files (#18). */
  | { screen: 'documents' }
  /** The supervisor's live view of queues and agents. */
  | { screen: 'supervisor' }
  | { screen: 'agent-admin'; section: AgentAdminSection }
  /** Admin settings live under `#/settings/<name>`. */
  | { screen: 'widget-security' }
  /** 微信接入: the tenant's WeChat accounts (#15), `#/settings/wechat`. */
  | { screen: 'wechat-accounts' }
  /** 数据看板 (analytics #17). */
  | { screen: 'dashboard' }
  /** 服务评价与月报 (feedback #17). */
  | { screen: 'feedback' }
  /** 隐私 (PIPL #19): notice, retention, data subjects' requests and consents, audit chain. */
  | { screen: 'privacy' };

/** Screens without parameters, whose hash is just their name. */
const plainScreens = ['faq', 'suggestions', 'supervisor', 'dashboard', 'documents', 'feedback', 'privacy'] as const;

export const defaultRoute: Route = { screen: 'conversations', conversationId: null };

/**
 * Reads the route from `location.hash`; anything unknown lands on the conversations screen.
 * @example parseRoute('#/conversations/7c1e') // { screen: 'conversations', conversationId: '7c1e' }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [screen, id] = parts;
  const plain = plainScreens.find((name) => name === screen);
  if (plain) return { screen: plain };
  if (screen === 'articles') return { screen: 'articles', articleId: id ?? null };
  if (screen === 'settings' && id === 'widget-security') return { screen: 'widget-security' };
  if (screen === 'settings' && id === 'wechat') return { screen: 'wechat-accounts' };
  if (screen === 'tickets') return { screen: 'tickets', ticketId: id ?? null };
  if (screen === 'workspace') return { screen: 'workspace', conversationId: id ?? null };
  const section = TICKET_ADMIN_SECTIONS.find((name) => name === id);
  if (screen === 'ticket-admin' && section) return { screen: 'ticket-admin', section };
  const agentAdminSection = AGENT_ADMIN_SECTIONS.find((name) => name === id);
  if (screen === 'agent-admin' && agentAdminSection) return { screen: 'agent-admin', section: agentAdminSection };
  if (screen === 'conversations' && id) return { screen: 'conversations', conversationId: id };
  return defaultRoute;
}

/** The hash for a route, the inverse of parseRoute. */
export function routeHash(route: Route): string {
  if (route.screen === 'articles') return route.articleId ? `#/articles/${encodeURIComponent(route.articleId)}` : '#/articles';
  if (route.screen === 'widget-security') return '#/settings/widget-security';
  if (route.screen === 'wechat-accounts') return '#/settings/wechat';
  if (route.screen === 'tickets') return route.ticketId ? `#/tickets/${encodeURIComponent(route.ticketId)}` : '#/tickets';
  if (route.screen === 'ticket-admin') return `#/ticket-admin/${route.section}`;
  if (route.screen === 'workspace') return route.conversationId ? `#/workspace/${encodeURIComponent(route.conversationId)}` : '#/workspace';
  if (route.screen === 'agent-admin') return `#/agent-admin/${route.section}`;
  if (route.screen !== 'conversations') return `#/${route.screen}`;
  return route.conversationId ? `#/conversations/${encodeURIComponent(route.conversationId)}` : '#/conversations';
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
