import { Empty, Typography } from 'antd';
import { useSignedInUser } from '../auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ConversationList } from './conversation-list.js';
import { ConversationPanel } from './conversation-panel.js';
import type { ConversationInbox } from './use-conversation-inbox.js';

interface ConversationsPageProps {
  inbox: ConversationInbox;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The live inbox: every conversation of the tenant on the left, the selected one on the right. */
export function ConversationsPage({ inbox, selectedId, onSelect }: ConversationsPageProps) {
  const user = useSignedInUser();
  const { t } = useI18n();
  const { list } = inbox;
  const selected = list.items.find((c) => c.id === selectedId) ?? null;

  return (
    <div className="conversations-page">
      <ConversationList
        status={list.status}
        items={list.items}
        unread={list.unread}
        selectedId={selectedId}
        userId={user.id}
        loading={inbox.loading}
        hasMore={list.nextCursor !== null}
        loadingMore={inbox.loadingMore}
        error={inbox.error}
        view={inbox.view}
        onViewChange={inbox.setView}
        onStatusChange={inbox.setStatus}
        onSelect={onSelect}
        onRefresh={inbox.refresh}
        onLoadMore={inbox.loadMore}
      />
      {selectedId ? (
        <ConversationPanel key={selectedId} conversationId={selectedId} initial={selected} onUpdated={inbox.apply} drafts={inbox.drafts} />
      ) : (
        <div className="conversation-panel conversation-panel--empty">
          <Empty
            description={
              <>
                <Typography.Title level={5}>{t('conversations.noneSelected')}</Typography.Title>
                <Typography.Text type="secondary">{t('conversations.noneSelectedHint')}</Typography.Text>
              </>
            }
          />
        </div>
      )}
    </div>
  );
}
