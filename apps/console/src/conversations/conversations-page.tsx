import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Empty, Typography } from 'antd';
import type { Conversation, ConversationStatus, Message } from '../api/api-types.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { conversationListReducer, initialConversationList, isUnknownConversation } from './conversation-list-reducer.js';
import { ConversationList } from './conversation-list.js';
import { ConversationPanel } from './conversation-panel.js';

/** The server's maximum page; the contract has no cursor yet, so this is all the list can show. */
const LIST_LIMIT = 200;

interface ConversationsPageProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The live inbox: every conversation of the tenant on the left, the selected one on the right. */
export function ConversationsPage({ selectedId, onSelect }: ConversationsPageProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { socket, epoch } = useAgentSocket();
  const { t } = useI18n();
  const [list, dispatch] = useReducer(conversationListReducer, initialConversationList);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  // Unsent replies per conversation, so switching to another chat does not lose a half-written answer.
  const drafts = useRef(new Map<string, string>());
  const listRef = useRef(list);
  useEffect(() => {
    listRef.current = list;
  }, [list]);

  useEffect(() => {
    dispatch({ type: 'select', id: selectedId });
  }, [selectedId]);

  // Refetch on filter change and after every (re)connect: pushes sent while we were offline are lost.
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.listConversations(list.status, LIST_LIMIT).then(
      ({ items }) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', status: list.status, items });
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(describeError(failure, t));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [api, list.status, epoch, reloads]);

  const fetching = useRef(new Set<string>());
  useEffect(() => {
    if (!socket) return;
    const onMessage = (message: Message) => {
      dispatch({ type: 'message', message });
      const id = message.conversationId;
      // A brand-new conversation: the push carries only the message, so fetch the rest once.
      if (isUnknownConversation(listRef.current, id) && !fetching.current.has(id)) {
        fetching.current.add(id);
        api
          .getConversation(id)
          .then((conversation) => dispatch({ type: 'conversation', conversation }))
          .catch((failure: unknown) => console.warn('could not load pushed conversation', id, failure))
          .finally(() => fetching.current.delete(id));
      }
    };
    const onUpdated = (conversation: Conversation) => dispatch({ type: 'conversation', conversation });
    socket.on('message', onMessage);
    socket.on('conversation.updated', onUpdated);
    return () => {
      socket.off('message', onMessage);
      socket.off('conversation.updated', onUpdated);
    };
  }, [socket, api]);

  const onStatusChange = useCallback((status: ConversationStatus) => dispatch({ type: 'filter', status }), []);
  const onUpdated = useCallback((conversation: Conversation) => dispatch({ type: 'conversation', conversation }), []);
  const selected = list.items.find((c) => c.id === selectedId) ?? null;

  return (
    <div className="conversations-page">
      <ConversationList
        status={list.status}
        items={list.items}
        unread={list.unread}
        selectedId={selectedId}
        userId={user.id}
        loading={loading}
        error={error}
        onStatusChange={onStatusChange}
        onSelect={onSelect}
        onRefresh={() => setReloads((n) => n + 1)}
      />
      {selectedId ? (
        <ConversationPanel key={selectedId} conversationId={selectedId} initial={selected} onUpdated={onUpdated} drafts={drafts.current} />
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
