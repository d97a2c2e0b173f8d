import type { Message, SenderType } from '../api/api-types.js';
import { mergeMessages } from './merge-messages.js';

/** A reply the agent sent that the server has not confirmed yet. */
export interface PendingReply {
  clientMsgId: string;
  text: string;
  createdAt: string;
  status: 'sending' | 'failed';
  /** Why the last attempt failed, already translated for display. */
  failure?: string;
  /** An internal note rather than a reply to the visitor. */
  internal?: boolean;
}

/** System notes are written by the server, never typed. */
export type TypingSender = Exclude<SenderType, 'system'>;

export interface TypingState {
  senderType: TypingSender;
  /** Epoch ms after which the indicator hides even if "stopped typing" never arrives. */
  until: number;
}

export interface TimelineState {
  conversationId: string | null;
  messages: Message[];
  pending: PendingReply[];
  typing: TypingState | null;
}

export type TimelineAction =
  | { type: 'open'; conversationId: string | null }
  | { type: 'messages'; conversationId: string; messages: readonly Message[] }
  | { type: 'sending'; reply: Omit<PendingReply, 'status'> }
  | { type: 'failed'; clientMsgId: string; failure: string }
  | { type: 'retrying'; clientMsgId: string }
  | { type: 'typing'; conversationId: string; senderType: SenderType; isTyping: boolean; now: number }
  | { type: 'tick'; now: number };

/** How long a typing indicator survives without a fresh "typing" event. */
export const TYPING_TIMEOUT_MS = 6000;

export const emptyTimeline: TimelineState = { conversationId: null, messages: [], pending: [], typing: null };

/**
 * The open conversation: confirmed messages by seq, the agent's unconfirmed
 * replies below them, and who is typing. Events for other conversations are ignored.
 */
export function conversationTimelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'open':
      return action.conversationId === state.conversationId ? state : { ...emptyTimeline, conversationId: action.conversationId };

    case 'messages': {
      if (action.conversationId !== state.conversationId) return state;
      const own = action.messages.filter((m) => m.conversationId === state.conversationId);
      if (own.length === 0) return state;
      const messages = mergeMessages(state.messages, own);
      const confirmed = new Set(own.map((m) => m.clientMsgId).filter((id): id is string => id !== null));
      const pending = state.pending.filter((p) => !confirmed.has(p.clientMsgId));
      // Whoever just sent a message has stopped typing.
      const typing = state.typing && own.some((m) => m.senderType === state.typing?.senderType) ? null : state.typing;
      return { ...state, messages, pending, typing };
    }

    case 'sending':
      if (state.pending.some((p) => p.clientMsgId === action.reply.clientMsgId)) return state;
      return { ...state, pending: [...state.pending, { ...action.reply, status: 'sending' }] };

    case 'failed':
      return updatePending(state, action.clientMsgId, { status: 'failed', failure: action.failure });

    case 'retrying':
      return updatePending(state, action.clientMsgId, { status: 'sending', failure: undefined });

    case 'typing': {
      const { senderType } = action;
      if (action.conversationId !== state.conversationId || senderType === 'system') return state;
      if (!action.isTyping) return state.typing?.senderType === senderType ? { ...state, typing: null } : state;
      return { ...state, typing: { senderType, until: action.now + TYPING_TIMEOUT_MS } };
    }

    case 'tick':
      return state.typing && state.typing.until <= action.now ? { ...state, typing: null } : state;
  }
}

function updatePending(state: TimelineState, clientMsgId: string, patch: Partial<PendingReply>): TimelineState {
  if (!state.pending.some((p) => p.clientMsgId === clientMsgId)) return state;
  return { ...state, pending: state.pending.map((p) => (p.clientMsgId === clientMsgId ? { ...p, ...patch } : p)) };
}
