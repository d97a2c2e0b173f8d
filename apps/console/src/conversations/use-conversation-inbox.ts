import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Conversation, ConversationStatus, Message } from '../api/api-types.js';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import {
  conversationListReducer,
  initialConversationList,
  isUnknownConversation,
  type ConversationListState,
} from './conversation-list-reducer.js';
import type { InboxView } from './inbox-view.js';

/** One page of the list (the server's maximum); "load more" follows the server's nextCursor for the rest. */
const LIST_LIMIT = 200;

export interface ConversationInbox {
  list: ConversationListState;
  loading: boolean;
  /** A "load more" request is in flight. */
  loadingMore: boolean;
  /** Why the last load failed, ready to display. */
  error: string | null;
  unreadTotal: number;
  /** Unsent replies per conversation, so switching chats does not lose a half-written answer. */
  drafts: Map<string, string>;
  view: InboxView;
  setView: (view: InboxView) => void;
  setStatus: (status: ConversationStatus) => void;
  refresh: () => void;
  /** Appends the next page of the current filter (no-op when everything is loaded). */
  loadMore: () => void;
  /** Applies a conversation the console itself just changed (the socket echo may come later). */
  apply: (conversation: Conversation) => void;
}

/**
 * The live conversation list for the whole signed-in console. It lives above the
 * screens so unread counts keep growing while the agent works on the FAQ screen.
 * `selectedId` is the conversation on screen, or null when none is.
 */
export function useConversationInbox(selectedId: string | null): ConversationInbox {
  const { api } = useSession();
  const { socket, epoch } = useAgentSocket();
  const { t } = useI18n();
  const [list, dispatch] = useReducer(conversationListReducer, initialConversationList);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [drafts] = useState(() => new Map<string, string>());
  const [view, setView] = useState<InboxView>('all');
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
      ({ items, nextCursor }) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', status: list.status, items, nextCursor });
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
      // Normally `conversation.updated` announces a new conversation first; if that
      // push was missed, the message carries too little, so fetch the rest once.
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

  const setStatus = useCallback((status: ConversationStatus) => dispatch({ type: 'filter', status }), []);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);
  const loadMore = useCallback(() => {
    const { status, nextCursor } = listRef.current;
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    api
      .listConversations(status, LIST_LIMIT, nextCursor)
      .then(
        (page) => {
          dispatch({ type: 'more', status, items: page.items, nextCursor: page.nextCursor });
          setError(null);
        },
        (failure: unknown) => setError(describeError(failure, t)),
      )
      .finally(() => setLoadingMore(false));
  }, [api, t, loadingMore]);
  const apply = useCallback((conversation: Conversation) => dispatch({ type: 'conversation', conversation }), []);
  const unreadTotal = Object.values(list.unread).reduce((sum, count) => sum + count, 0);

  return { list, loading, loadingMore, error, unreadTotal, drafts, view, setView, setStatus, refresh, loadMore, apply };
}
