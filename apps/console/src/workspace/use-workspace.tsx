import { App, Button } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { AlertChime, CHIME_NOTES } from '../sound/alert-chime.js';
import { ContextPrefetch } from './context-prefetch.js';
import { WorkspaceApi } from './workspace-api.js';
import type { AgentMe, AgentPresence, ConversationContext, HandoffChangedEvent, HandoffInviteEvent, HandoffOfferEvent } from './workspace-api-types.js';
import { emptyWorkspace, workspaceReducer, type WorkspaceAction, type WorkspaceState } from './workspace-reducer.js';

/** Coalesces bursts of `handoff.changed` (a dispatch moves many requests) into one refetch. */
const REFETCH_DELAY_MS = 300;

export interface Workspace extends WorkspaceState {
  api: WorkspaceApi;
  /** The agent's profile (`GET /agents/me`); null until loaded or for roles that do not staff chats. */
  me: AgentMe | null;
  /** Bumped on every `handoff.changed`, so the queue panel refetches. */
  queueVersion: number;
  setPresence: (presence: AgentPresence) => Promise<void>;
  /** Accepts an offer, or pulls a queued request; resolves with the conversation id when the chat is ours. */
  accept: (requestId: string, conversationId: string) => Promise<string | null>;
  decline: (requestId: string) => Promise<void>;
  /** The context loaded while the chat was offered, once (null: load it now). */
  takeContext: (conversationId: string) => Promise<ConversationContext | null>;
  dispatch: (action: WorkspaceAction) => void;
  refresh: () => void;
}

/**
 * The agent's side of the handoff for the whole console: presence, offers (with their expiry),
 * staffed chats, and invites. It lives above the screens so an offer pops up wherever the agent is.
 */
export function useWorkspace(openChat: (conversationId: string) => void): Workspace {
  const { api: client } = useSession();
  const user = useSignedInUser();
  const staffsChats = roleCan(user.role, 'conversations.reply');
  const { socket, epoch } = useAgentSocket();
  const { t } = useI18n();
  const { message: toast, notification } = App.useApp();
  const api = useMemo(() => new WorkspaceApi(client), [client]);
  const [state, dispatch] = useReducer(workspaceReducer, emptyWorkspace);
  const [me, setMe] = useState<AgentMe | null>(null);
  const [queueVersion, setQueueVersion] = useState(0);
  const [reloads, setReloads] = useState(0);
  const prefetch = useMemo(() => new ContextPrefetch((conversationId: string) => api.context(conversationId)), [api]);
  const chime = useRef<AlertChime | null>(null);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  // The offer card rings (the supervisor's chime, its notes rising); audio unlocks on the agent's first click or key.
  useEffect(() => {
    if (!staffsChats) return;
    chime.current ??= new AlertChime(undefined, CHIME_NOTES.offer);
    return chime.current.arm(document);
  }, [staffsChats]);

  // After every (re)connect: offers and assignments pushed while offline were lost.
  useEffect(() => {
    if (!staffsChats) return;
    let cancelled = false;
    Promise.all([api.mine(), api.me()]).then(
      ([mine, profile]) => {
        if (cancelled) return;
        dispatch({ type: 'mine', userId: user.id, items: mine.items });
        setMe(profile);
      },
      (failure: unknown) => {
        if (!cancelled) console.warn('could not load the handoff workspace', failure);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, user.id, staffsChats, epoch, reloads]);

  useEffect(() => {
    if (!socket || !staffsChats) return;
    let refetch: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      clearTimeout(refetch);
      refetch = setTimeout(() => setReloads((n) => n + 1), REFETCH_DELAY_MS);
    };
    const onOffer = (offer: HandoffOfferEvent) => {
      // A redelivered offer already on screen does not ring twice.
      if (!stateRef.current.offers.some((o) => o.requestId === offer.requestId)) chime.current?.play();
      dispatch({ type: 'offer', offer });
    };
    const onChanged = (event: HandoffChangedEvent) => {
      setQueueVersion((n) => n + 1);
      dispatch({ type: 'changed', userId: user.id, event });
      const known = stateRef.current.chats.some((c) => c.requestId === event.requestId) || stateRef.current.offers.some((o) => o.requestId === event.requestId);
      // My load changed (the header shows it), or a chat came to me without an offer (a supervisor's reassign): reload.
      if (known || event.assignedTo === user.id || event.offeredTo === user.id) refetchSoon();
    };
    const onInvite = (invite: HandoffInviteEvent) => {
      notification.info({
        title: t('workspace.invite.title', { name: invite.fromName ?? t('sender.agent') }),
        description: invite.note ?? undefined,
        duration: 0,
        actions: (
          <Button size="small" type="primary" onClick={() => openChat(invite.conversationId)} data-testid="invite-open">
            {t('workspace.invite.open')}
          </Button>
        ),
        props: { 'data-testid': 'handoff-invite' },
      });
    };
    socket.on('handoff.offer', onOffer);
    socket.on('handoff.changed', onChanged);
    socket.on('handoff.invite', onInvite);
    return () => {
      clearTimeout(refetch);
      socket.off('handoff.offer', onOffer);
      socket.off('handoff.changed', onChanged);
      socket.off('handoff.invite', onInvite);
    };
  }, [socket, staffsChats, user.id, notification, t, openChat]);

  // While the card is up, load what 接入 will show: the summary and transcript then appear at once.
  useEffect(() => {
    for (const offer of state.offers) prefetch.start(offer.conversationId);
  }, [state.offers, prefetch]);

  // Lapsed offers leave the screen on their own; the server's expiry loop re-queues them.
  const hasOffers = state.offers.length > 0;
  useEffect(() => {
    if (!hasOffers) return;
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [hasOffers]);

  const setPresence = useCallback(
    async (presence: AgentPresence) => {
      try {
        setMe(await api.setPresence(presence));
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [api, toast, t],
  );

  const accept = useCallback(
    async (requestId: string, conversationId: string) => {
      try {
        await api.accept(requestId);
        dispatch({ type: 'accepted', requestId });
        setReloads((n) => n + 1);
        openChat(conversationId);
        return conversationId;
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'handoff_already_taken') {
          dispatch({ type: 'dropOffer', requestId });
          setQueueVersion((n) => n + 1);
        }
        toast.error(describeError(failure, t));
        return null;
      }
    },
    [api, openChat, toast, t],
  );

  const decline = useCallback(
    async (requestId: string) => {
      const offer = stateRef.current.offers.find((o) => o.requestId === requestId);
      if (offer) prefetch.drop(offer.conversationId);
      dispatch({ type: 'dropOffer', requestId });
      try {
        await api.decline(requestId);
      } catch (failure) {
        // Already expired or taken: the card is gone either way, which is what the agent wanted.
        if (!(failure instanceof ApiError && failure.status === 409)) toast.error(describeError(failure, t));
      }
    },
    [api, prefetch, toast, t],
  );

  const takeContext = useCallback((conversationId: string) => prefetch.take(conversationId), [prefetch]);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);

  return { ...state, api, me, queueVersion, setPresence, accept, decline, takeContext, dispatch, refresh };
}
