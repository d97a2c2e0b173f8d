import type { Conversation, ConversationStatus, Message } from '../api/api-types.js';

export interface ConversationListState {
  status: ConversationStatus;
  items: Conversation[];
  /** Visitor messages that arrived while the conversation was not open on screen. */
  unread: Record<string, number>;
  selectedId: string | null;
  /** Where the next page of this filter starts ("load more"); null when everything is loaded. */
  nextCursor: string | null;
}

export type ConversationListAction =
  | { type: 'filter'; status: ConversationStatus }
  | { type: 'loaded'; status: ConversationStatus; items: Conversation[]; nextCursor?: string | null }
  | { type: 'more'; status: ConversationStatus; items: Conversation[]; nextCursor: string | null }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'message'; message: Message }
  | { type: 'select'; id: string | null };

export const initialConversationList: ConversationListState = { status: 'open', items: [], unread: {}, selectedId: null, nextCursor: null };

/**
 * The live conversation list: HTTP loads and `/agent` socket events folded into
 * one state, kept in the documented order (newest activity first).
 * @example const [state, dispatch] = useReducer(conversationListReducer, initialConversationList)
 */
export function conversationListReducer(state: ConversationListState, action: ConversationListAction): ConversationListState {
  switch (action.type) {
    case 'filter':
      return action.status === state.status ? state : { ...state, status: action.status, items: [], nextCursor: null };

    case 'loaded':
      // A slow answer for the filter the agent already left must not overwrite the list.
      if (action.status !== state.status) return state;
      return { ...state, items: sortByActivity(action.items.filter((c) => c.status === state.status)), nextCursor: action.nextCursor ?? null };

    case 'more': {
      // The next page is appended; a conversation the list already has (a live update moved it) is kept as is.
      if (action.status !== state.status) return state;
      const known = new Set(state.items.map((c) => c.id));
      const added = action.items.filter((c) => c.status === state.status && !known.has(c.id));
      return { ...state, items: sortByActivity([...state.items, ...added]), nextCursor: action.nextCursor };
    }

    case 'conversation': {
      const { conversation } = action;
      const others = state.items.filter((c) => c.id !== conversation.id);
      const items = conversation.status === state.status ? sortByActivity([...others, conversation]) : others;
      return { ...state, items };
    }

    case 'message': {
      const { message } = action;
      const current = state.items.find((c) => c.id === message.conversationId);
      if (!current) return state;
      const newer = message.seq > current.lastSeq;
      const updated: Conversation = newer
        ? {
            ...current,
            lastSeq: message.seq,
            lastMessage: { text: message.text, senderType: message.senderType, createdAt: message.createdAt },
            updatedAt: later(current.updatedAt, message.createdAt),
          }
        : current;
      const countsAsUnread = newer && message.senderType === 'visitor' && state.selectedId !== message.conversationId;
      const unread = countsAsUnread
        ? { ...state.unread, [message.conversationId]: (state.unread[message.conversationId] ?? 0) + 1 }
        : state.unread;
      const items = updated === current ? state.items : sortByActivity(state.items.map((c) => (c.id === updated.id ? updated : c)));
      return { ...state, items, unread };
    }

    case 'select': {
      if (action.id === null) return { ...state, selectedId: null };
      const { [action.id]: _read, ...unread } = state.unread;
      return { ...state, selectedId: action.id, unread };
    }
  }
}

/** True when the list has never heard of this conversation (a push for it means: fetch it). */
export function isUnknownConversation(state: ConversationListState, conversationId: string): boolean {
  return !state.items.some((c) => c.id === conversationId);
}

function sortByActivity(items: Conversation[]): Conversation[] {
  return [...items].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
