import type { Migration } from 'kysely';
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-bot.js';
import * as m0003 from './0003-selfservice.js';
import * as m0004 from './0004-kb-articles.js';
import * as m0005 from './0005-customer-records.js';
import * as m0006 from './0006-broadband-address.js';
import * as m0007 from './0007-widget-origins.js';
import * as m0008 from './0008-demo-after-sales.js';
import * as m0009 from './0009-conversation-list-order.js';
import * as m0010 from './0010-staff-mfa.js';
import * as m0011 from './0011-row-level-security.js';
import * as m0012 from './0012-tickets.js';
import * as m0013RoutingLastAssigned from './0013-routing-last-assigned.js';
import * as m0014SlaAlertRun from './0014-sla-alert-run.js';
import * as m0015Handoff from './0015-handoff.js';
import * as m0016TicketSearchTokens from './0016-ticket-search-tokens.js';
import * as m0017Documents from './0017-documents.js';
import * as m0018Analytics from './0018-analytics.js';
import * as m0019Feedback from './0019-feedback.js';
import * as m0020Recommendations from './0020-recommendations.js';
import * as m0021Privacy from './0021-privacy.js';
import * as m0022ConversationBotSeq from './0022-conversation-bot-seq.js';
import * as m0023ConversationChannel from './0023-conversation-channel.js';
import * as m0024WechatChannel from './0024-wechat-channel.js';
import * as m0027AnalyticsMonthly from './0027-analytics-monthly.js';
import * as m0025Calls from './0025-calls.js';
import * as m0034AssistPassages from './0034-assist-passages.js';
import * as m0035DropDemoEnterprise from './0035-drop-demo-enterprise.js';
import * as m0036NluModelChunks from './0036-nlu-model-chunks.js';
import * as m0037TicketRlsOnce from './0037-ticket-rls-once.js';

/** Versioned migrations, applied in key order on start. Never edit a released one; add the next. */
export const migrations: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-bot': m0002,
  '0003-selfservice': m0003,
  '0004-kb-articles': m0004,
  '0005-customer-records': m0005,
  '0006-broadband-address': m0006,
  '0007-widget-origins': m0007,
  '0008-demo-after-sales': m0008,
  '0009-conversation-list-order': m0009,
  '0010-staff-mfa': m0010,
  '0011-row-level-security': m0011,
  '0012-tickets': m0012,
  '0013-routing-last-assigned': m0013RoutingLastAssigned,
  '0014-sla-alert-run': m0014SlaAlertRun,
  '0015-handoff': m0015Handoff,
  '0016-ticket-search-tokens': m0016TicketSearchTokens,
  '0017-documents': m0017Documents,
  '0018-analytics': m0018Analytics,
  '0019-feedback': m0019Feedback,
  '0020-recommendations': m0020Recommendations,
  '0021-privacy': m0021Privacy,
  '0022-conversation-bot-seq': m0022ConversationBotSeq,
  '0023-conversation-channel': m0023ConversationChannel,
  '0024-wechat-channel': m0024WechatChannel,
  '0027-analytics-monthly': m0027AnalyticsMonthly,
  '0025-calls': m0025Calls,
  '0034-assist-passages': m0034AssistPassages,
  '0035-drop-demo-enterprise': m0035DropDemoEnterprise,
  '0036-nlu-model-chunks': m0036NluModelChunks,
  '0037-ticket-rls-once': m0037TicketRlsOnce,
};
