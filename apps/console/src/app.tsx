import { App as AntdApp, Spin } from 'antd';
import { useCallback } from 'react';
import { LoginPage } from './auth/login-page.js';
import { SessionProvider, useSession } from './auth/session-context.js';
import { ConversationsPage } from './conversations/conversations-page.js';
import { useConversationInbox } from './conversations/use-conversation-inbox.js';
import { ArticlesPage } from './articles/articles-page.js';
import { FaqPage } from './faq/faq-page.js';
import { I18nProvider, useI18n } from './i18n/i18n-context.js';
import { AppShell } from './layout/app-shell.js';
import { useDocumentTitle } from './layout/use-document-title.js';
import { usePageVisible } from './layout/use-page-visible.js';
import { AgentSocketProvider } from './realtime/agent-socket-context.js';
import { useHashRoute } from './routing/use-hash-route.js';
import { WidgetSecurityPage } from './settings/widget-security-page.js';
import { SuggestionsPage } from './suggestions/suggestions-page.js';

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
  return (
    // Keyed by user so a different login starts from a clean socket and clean screens.
    <AgentSocketProvider key={state.user.id}>
      <Screens />
    </AgentSocketProvider>
  );
}

function Screens() {
  const [route, navigate] = useHashRoute();
  const selectedId = route.screen === 'conversations' ? route.conversationId : null;
  // In a background tab nothing is being read, so even the open conversation collects unread messages.
  const visible = usePageVisible();
  const inbox = useConversationInbox(visible ? selectedId : null);
  useDocumentTitle(inbox.unreadTotal);
  const openArticle = useCallback((articleId: string | null) => navigate({ screen: 'articles', articleId }), [navigate]);
  return (
    <AppShell route={route} onNavigate={navigate} unread={inbox.unreadTotal}>
      {route.screen === 'faq' ? (
        <FaqPage />
      ) : route.screen === 'articles' ? (
        <ArticlesPage openId={route.articleId} onOpen={openArticle} />
      ) : route.screen === 'suggestions' ? (
        <SuggestionsPage />
      ) : route.screen === 'widget-security' ? (
        <WidgetSecurityPage />
      ) : (
        <ConversationsPage inbox={inbox} selectedId={selectedId} onSelect={(id) => navigate({ screen: 'conversations', conversationId: id })} />
      )}
    </AppShell>
  );
}
