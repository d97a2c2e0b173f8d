import { Alert } from 'antd';
import { roleCan } from '../auth/role-can.js';
import { useSignedInUser } from '../auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { TicketAdminSection } from '../routing/route.js';
import { AgentGroupsPage } from './agent-groups-page.js';
import { BusinessCalendarPage } from './business-calendar-page.js';
import { RoutingRulesPage } from './routing-rules-page.js';
import { SlaPoliciesPage } from './sla-policies-page.js';
import { TicketCategoriesPage } from './ticket-categories-page.js';
import './ticket-admin.css';

/** The 工单设置 screens; writes need `tickets.admin`, so other roles get them read-only. */
export function TicketAdminPage({ section }: { section: TicketAdminSection }) {
  const user = useSignedInUser();
  const { t } = useI18n();
  const editable = roleCan(user.role, 'tickets.admin');
  return (
    <div className="ticket-admin">
      {!editable && <Alert type="info" showIcon title={t('ticketAdmin.readOnly')} className="faq-page__notice" />}
      {section === 'groups' ? (
        <AgentGroupsPage editable={editable} />
      ) : section === 'categories' ? (
        <TicketCategoriesPage editable={editable} />
      ) : section === 'rules' ? (
        <RoutingRulesPage editable={editable} />
      ) : section === 'sla' ? (
        <SlaPoliciesPage editable={editable} />
      ) : (
        <BusinessCalendarPage editable={editable} />
      )}
    </div>
  );
}
