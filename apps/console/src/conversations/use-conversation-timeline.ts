import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type Dispatch, type RefObject } from 'react';
import type { Conversation, Message } from '../api/api-types.js';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { newClientMsgId } from './client-msg-id.js';
import { conversationTimelineReducer, emptyTimeline, type TimelineAction, type TimelineState } from './conversation-timeline-reducer.js';
import { completeThrough, lastSeq } from './merge-messages.js';
import { sendWithRetry } from './send-with-retry.js';

const PAGE_SIZE = 200;
/** Stop paging a runaway history; the agent sees the newest messages through live pushes anyway. */
const MAX_PAGES = 25;

/** What a (re)load brings before the missed messages are paged in. */
export interface TimelineHead {
  conversation?: Conversation;
  /** Messages that came with it (the workspace's context carries the whole transcript). */
  messages?: readonly Message[];
}

export interface TimelineOptions {
  /** Called on every (re)load; `first` is true only for the first one of this conversation. */
  loadHead: (first: boolean) => Promise<TimelineHead>;
  /** Posts a reply (or, with `internal`, a note); must be idempotent per clientMsgId. */
  post: (text: string, clientMsgId: string, internal: boolean) => Promise<Message>;
}

export interface ConversationTimeline {
  timeline: TimelineState;
  dispatch: Dispatch<TimelineAction>;
  conversation: Conversation | null;
  setConversation: (conversation: Conversation) => void;
  loading: boolean;
  error: string | null;
  /** Loads again now (the retry button, or a gap in the pushed seqs). */
  resync: () => void;
  send: (text: string, internal?: boolean) => void;
  resend: (clientMsgId: string, text: string, internal?: boolean) => void;
  emitTyping: (isTyping: boolean) => void;
  /** The scrolling transcript: it follows new messages while the agent is at the bottom. */
  scroller: RefObject<HTMLDivElement | null>;
  onScroll: (element: HTMLDivElement) => void;
}

/**
 * One open conversation for staff: the head and everything after the last seq held on first open,
 * after a reconnect and after a gap; live messages, updates and typing from the `/agent` socket;
 * replies sent with retry and shown pending until confirmed. Shared by the conversations screen
 * and the agent workspace.
 */
export function useConversationTimeline(conversationId: string, initial: Conversation | null, { loadHead, post }: TimelineOptions): ConversationTimeline {
  const { api } = useSession();
  const { socket, epoch } = useAgentSocket();
  const { t } = useI18n();
  const [conversation, setConversation] = useState<Conversation | null>(initial);
  const [timeline, dispatch] = useReducer(conversationTimelineReducer, { ...emptyTimeline, conversationId });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [resyncRequests, setResyncRequests] = useState(0);
  const messagesRef = useRef<Message[]>([]);
  useLayoutEffect(() => {
    messagesRef.current = timeline.messages;
  }, [timeline.messages]);
  const loadHeadRef = useRef(loadHead);
  const postRef = useRef(post);
  useLayoutEffect(() => {
    loadHeadRef.current = loadHead;
    postRef.current = post;
  }, [loadHead, post]);

  const loadedOnce = useRef(false);
  // The seq through which HTTP has delivered the history (null before the first load). Pushes never
  // count here: one arriving while the history loads (the "已接入" notice on accept) must not make the
  // load start after it and skip everything before.
  const historySeq = useRef<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      setError(null);
      try {
        const head = await loadHeadRef.current(!loadedOnce.current);
        if (cancelled) return;
        loadedOnce.current = true;
        if (head.conversation) setConversation(head.conversation);
        let afterSeq = historySeq.current ?? 0;
        if (head.messages && head.messages.length > 0) {
          dispatch({ type: 'messages', conversationId, messages: head.messages });
          afterSeq = Math.max(afterSeq, lastSeq(head.messages));
        }
        for (let page = 0; page < MAX_PAGES; page++) {
          const { items } = await api.listMessages(conversationId, afterSeq, PAGE_SIZE);
          if (cancelled) return;
          dispatch({ type: 'messages', conversationId, messages: items });
          afterSeq = Math.max(afterSeq, lastSeq(items));
          if (items.length < PAGE_SIZE) break;
        }
        historySeq.current = completeThrough(messagesRef.current, afterSeq);
      } catch (failure) {
        if (!cancelled) setError(describeError(failure, t));
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    void load();
    return () => {
      cancelled = true;
    };
    // t is deliberately left out: switching the language must not refetch the history.
  }, [api, conversationId, epoch, resyncRequests]);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (message: Message) => {
      if (message.conversationId !== conversationId) return;
      const synced = historySeq.current;
      if (synced !== null) {
        const through = completeThrough(messagesRef.current, synced);
        if (message.seq > through + 1) setResyncRequests((n) => n + 1);
        else historySeq.current = completeThrough([...messagesRef.current, message], through);
      }
      dispatch({ type: 'messages', conversationId, messages: [message] });
    };
    const onUpdated = (updated: Conversation) => {
      if (updated.id === conversationId) setConversation(updated);
    };
    const onTyping = (event: { conversationId: string; senderType: Message['senderType']; isTyping: boolean }) => dispatch({ type: 'typing', ...event, now: Date.now() });
    socket.on('message', onMessage);
    socket.on('conversation.updated', onUpdated);
    socket.on('typing', onTyping);
    return () => {
      socket.off('message', onMessage);
      socket.off('conversation.updated', onUpdated);
      socket.off('typing', onTyping);
    };
  }, [socket, conversationId]);

  // Expire a typing indicator whose "stopped typing" event never came.
  useEffect(() => {
    if (!timeline.typing) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, timeline.typing.until - Date.now()));
    return () => clearTimeout(timer);
  }, [timeline.typing]);

  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [timeline.messages, timeline.pending, timeline.typing]);
  const onScroll = useCallback((element: HTMLDivElement) => {
    // Follow new messages only while the agent is at the bottom; do not yank them away from older history.
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
  }, []);

  const deliver = useCallback(
    async (text: string, clientMsgId: string, internal: boolean) => {
      try {
        const stored = await sendWithRetry(() => postRef.current(text, clientMsgId, internal));
        dispatch({ type: 'messages', conversationId, messages: [stored] });
      } catch (failure) {
        dispatch({ type: 'failed', clientMsgId, failure: describeError(failure, t) });
      }
    },
    [conversationId, t],
  );

  const send = useCallback(
    (text: string, internal = false) => {
      const clientMsgId = newClientMsgId();
      stickToBottom.current = true;
      dispatch({ type: 'sending', reply: { clientMsgId, text, createdAt: new Date().toISOString(), ...(internal ? { internal } : {}) } });
      void deliver(text, clientMsgId, internal);
    },
    [deliver],
  );

  const resend = useCallback(
    (clientMsgId: string, text: string, internal = false) => {
      dispatch({ type: 'retrying', clientMsgId });
      void deliver(text, clientMsgId, internal);
    },
    [deliver],
  );

  const emitTyping = useCallback((isTyping: boolean) => socket?.emit('typing', { conversationId, isTyping }), [socket, conversationId]);
  const resync = useCallback(() => setResyncRequests((n) => n + 1), []);

  return { timeline, dispatch, conversation, setConversation, loading, error, resync, send, resend, emitTyping, scroller, onScroll };
}
