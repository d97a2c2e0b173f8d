import { App as AntdApp, Button, Card, Spin, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { LoginPage } from './auth/login-page.js';
import { SessionProvider, useSession } from './auth/session-context.js';
import { TwoFactorPanel } from './auth/two-factor-panel.js';
import { ConversationsPage } from './conversations/conversations-page.js';
import { useConversationInbox } from './conversations/use-conversation-inbox.js';
import { ArticlesPage } from './articles/articles-page.js';
import { FaqPage } from './faq/faq-page.js';
import { DocumentsPage } from './documents/documents-page.js';
import { I18nProvider, useI18n } from './i18n/i18n-context.js';
import { AgentAdminPage } from './agent-admin/agent-admin-page.js';
import { AppShell } from './layout/app-shell.js';
import { useDocumentTitle } from './layout/use-document-title.js';
import { usePageVisible } from './layout/use-page-visible.js';
import { AgentSocketProvider } from './realtime/agent-socket-context.js';
import { useHashRoute } from './routing/use-hash-route.js';
import { WidgetSecurityPage } from './settings/widget-security-page.js';
import { WechatAccountsPage } from './channels/wechat-accounts-page.js';
import { PrivacyPage } from './privacy/privacy-page.js';
import { SuggestionsPage } from './suggestions/suggestions-page.js';
import { SupervisorPage } from './supervisor/supervisor-page.js';
import { DashboardPage } from './dashboard/dashboard-page.js';
import { FeedbackPage } from './feedback/feedback-page.js';
import { useHandoffAlerts } from './supervisor/use-handoff-alerts.js';
import { TicketAdminPage } from './ticket-admin/ticket-admin-page.js';
import { TicketPage } from './tickets/ticket-page.js';
import { TicketQueuePage } from './tickets/ticket-queue-page.js';
import { useSlaAlerts } from './tickets/use-sla-alerts.js';
import { OfferStack } from './workspace/offer-stack.js';
import { PresenceSwitch } from './workspace/presence-switch.js';
import { useChatInbox } from './workspace/use-chat-inbox.js';
import { useWorkspace } from './workspace/use-workspace.js';
import { workspaceBadge } from './workspace/workspace-badge.js';
import { WorkspacePage } from './workspace/workspace-page.js';

/** The console: providers, the login gate, and the screen chosen by the hash route. */
export function App() {
  return (
    <I18nProvider>
      <AntdApp>
        <SessionProvider>
          <SessionGate />
        </SessionProvider>
      </AntdApp>
    </I18nProvider>
  );
}

function SessionGate() {
  const { state } = useSession();
  const { t } = useI18n();
  if (state.status === 'restoring') {
    return (
      <div className="centered-screen">
        <Spin size="large" description={t('session.restoring')} />
      </div>
    );
  }
  if (state.status === 'signed-out') return <LoginPage expired={state.expired} />;
  if (state.mfaEnrollmentRequired) return <MfaEnrollmentGate />;
  return (
    // Keyed by user so a different login starts from a clean socket and clean screens.
    <AgentSocketProvider key={state.user.id}>
      <Screens />
    </AgentSocketProvider>
  );
}

/** The tenant requires two-factor authentication and this user has none: the server answers nothing else until it is set up. */
function MfaEnrollmentGate() {
  const { logout } = useSession();
  const { t } = useI18n();
  return (
    <div className="login-page">
      <Card className="login-card" variant="borderless" title={t('mfa.title')} extra={<Button onClick={() => void logout()}>{t('header.logout')}</Button>}>
        <Typography.Paragraph data-testid="mfa-required-notice">{t('mfa.requiredNotice')}</Typography.Paragraph>
        <TwoFactorPanel />
      </Card>
    </div>
  );
}

function Screens() {
  const [route, navigate] = useHashRoute();
  const selectedId = route.screen === 'conversations' || route.screen === 'workspace' ? route.conversationId : null;
  // In a background tab nothing is being read, so even the open conversation collects unread messages.
  const visible = usePageVisible();
  const inbox = useConversationInbox(visible ? selectedId : null);
  useDocumentTitle(inbox.unreadTotal);
  const openArticle = useCallback((articleId: string | null) => navigate({ screen: 'articles', articleId }), [navigate]);
  const openTicket = useCallback((ticketId: string | null) => navigate({ screen: 'tickets', ticketId }), [navigate]);
  const slaAlerted = useSlaAlerts(openTicket);
  const openChat = useCallback((conversationId: string | null) => navigate({ screen: 'workspace', conversationId }), [navigate]);
  const workspace = useWorkspace(openChat);
  const openConversation = useCallback((conversationId: string) => navigate({ screen: 'conversations', conversationId }), [navigate]);
  useHandoffAlerts(openConversation);
  // The 工作台 redraws for its own chats only, not for every push about other visitors.
  const chatInbox = useChatInbox(workspace.chats, inbox.list.items, inbox.list.unread);
  const presence = useMemo(() => <PresenceSwitch workspace={workspace} />, [workspace]);
  return (
    <AppShell route={route} onNavigate={navigate} unread={inbox.unreadTotal} headerExtra={presence} workspaceBadge={workspaceBadge(workspace, inbox.list.unread)}>
      <OfferStack workspace={workspace} />
      {route.screen === 'workspace' ? (
        <WorkspacePage workspace={workspace} selectedId={route.conversationId} onSelect={openChat} unread={chatInbox.unread} conversations={chatInbox.conversations} drafts={inbox.drafts} />
      ) : route.screen === 'faq' ? (
        <FaqPage />
      ) : route.screen === 'articles' ? (
        <ArticlesPage openId={route.articleId} onOpen={openArticle} />
      ) : route.screen === 'documents' ? (
        <DocumentsPage />
      ) : route.screen === 'suggestions' ? (
        <SuggestionsPage />
      ) : route.screen === 'widget-security' ? (
        <WidgetSecurityPage />
      ) : route.screen === 'wechat-accounts' ? (
        <WechatAccountsPage />
      ) : route.screen === 'tickets' && route.ticketId ? (
        <TicketPage
          key={route.ticketId}
          ticketId={route.ticketId}
          onBack={() => openTicket(null)}
          onOpenTicket={openTicket}
          onOpenConversation={(conversationId) => navigate({ screen: 'conversations', conversationId })}
        />
      ) : route.screen === 'tickets' ? (
        <TicketQueuePage onOpen={openTicket} alerted={slaAlerted} />
      ) : route.screen === 'ticket-admin' ? (
        <TicketAdminPage section={route.section} />
      ) : route.screen === 'supervisor' ? (
        <SupervisorPage onOpenConversation={openConversation} onOpenChat={openChat} />
      ) : route.screen === 'agent-admin' ? (
        <AgentAdminPage section={route.section} />
      ) : route.screen === 'feedback' ? (
        <FeedbackPage onOpenTicket={(ticketId) => openTicket(ticketId)} />
      ) : route.screen === 'dashboard' ? (
        <DashboardPage />
      ) : route.screen === 'privacy' ? (
        <PrivacyPage />
      ) : (
        <ConversationsPage inbox={inbox} selectedId={selectedId} onSelect={(id) => navigate({ screen: 'conversations', conversationId: id })} />
      )}
    </AppShell>
  );
}
