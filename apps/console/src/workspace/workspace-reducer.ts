import type { ConversationChannel } from '../api/api-types.js';
import type { HandoffChangedEvent, HandoffMineItem, HandoffOfferEvent, HandoffReason } from './workspace-api-types.js';

/** A chat offered to this agent, waiting for 接入 / 拒绝. */
export interface PendingOffer {
  requestId: string;
  conversationId: string;
  reason: HandoffReason;
  priority: number;
  offerExpiresAt: string;
  visitorName: string | null;
  summary: string;
  channel?: ConversationChannel;
}

/** A chat this agent staffs (its handoff request is assigned to them). */
export interface StaffedChat {
  requestId: string;
  conversationId: string;
  reason: HandoffReason;
  priority: number;
  visitorName: string | null;
  summary: string;
  channel?: ConversationChannel;
}

export interface WorkspaceState {
  offers: PendingOffer[];
  chats: StaffedChat[];
}

export type WorkspaceAction =
  /** `GET /handoff/mine` answered: it replaces both lists (after a reconnect pushes may have been missed). */
  | { type: 'mine'; userId: string; items: HandoffMineItem[] }
  | { type: 'offer'; offer: HandoffOfferEvent }
  | { type: 'changed'; userId: string; event: HandoffChangedEvent }
  /** The agent accepted: the offer becomes a chat without waiting for the push. */
  | { type: 'accepted'; requestId: string }
  /** Declined, taken by someone else (409), or lapsed. */
  | { type: 'dropOffer'; requestId: string }
  /** Closed or transferred away by this agent. */
  | { type: 'dropChat'; conversationId: string }
  | { type: 'tick'; now: number };

export const emptyWorkspace: WorkspaceState = { offers: [], chats: [] };

/**
 * The agent's offers and staffed chats, from `GET /handoff/mine` and the `handoff.offer` /
 * `handoff.changed` pushes. Offers are kept in serving order (priority, then deadline).
 * @example const [state, dispatch] = useReducer(workspaceReducer, emptyWorkspace)
 */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'mine': {
      const offers = action.items
        .filter((item) => item.status === 'offered' && item.offeredTo === action.userId && item.offerExpiresAt)
        .map((item): PendingOffer => ({ ...pick(item), offerExpiresAt: item.offerExpiresAt ?? '' }));
      const chats = action.items.filter((item) => item.status === 'assigned' && item.assignedTo === action.userId).map(pick);
      const next = { offers: sortOffers(offers), chats };
      // A reload that found nothing new keeps the old state, so the screens do not redraw for it.
      return JSON.stringify(next) === JSON.stringify(state) ? state : next;
    }

    case 'offer': {
      const { offer } = action;
      const { offerExpiresAt } = offer;
      // A push for a chat already staffed (a late duplicate) must not bring the card back; nor can a card count down to no deadline.
      if (!offerExpiresAt || state.chats.some((chat) => chat.requestId === offer.requestId)) return state;
      const offers = state.offers.filter((o) => o.requestId !== offer.requestId);
      return { ...state, offers: sortOffers([...offers, { ...offer, offerExpiresAt }]) };
    }

    case 'changed': {
      const { event, userId } = action;
      const offer = state.offers.find((o) => o.requestId === event.requestId);
      const stillOffered = event.status === 'offered' && event.offeredTo === userId;
      const offers = offer && !stillOffered ? state.offers.filter((o) => o !== offer) : state.offers;
      const mineNow = event.status === 'assigned' && event.assignedTo === userId;
      const chat = state.chats.find((c) => c.requestId === event.requestId);
      let chats = state.chats;
      if (chat && !mineNow) chats = chats.filter((c) => c !== chat);
      if (!chat && mineNow) {
        // Known from the offer when there was one; else (a supervisor reassigned it) the page fills in the rest.
        const base = offer ?? { visitorName: null, summary: '' };
        chats = [...chats.filter((c) => c.conversationId !== event.conversationId), { requestId: event.requestId, conversationId: event.conversationId, reason: event.reason, priority: event.priority, visitorName: base.visitorName, summary: base.summary }];
      }
      return offers === state.offers && chats === state.chats ? state : { offers, chats };
    }

    case 'accepted': {
      const offer = state.offers.find((o) => o.requestId === action.requestId);
      if (!offer) return state;
      const { offerExpiresAt: _deadline, ...chat } = offer;
      return { offers: state.offers.filter((o) => o !== offer), chats: [...state.chats.filter((c) => c.conversationId !== chat.conversationId), chat] };
    }

    case 'dropOffer': {
      const offers = state.offers.filter((o) => o.requestId !== action.requestId);
      return offers.length === state.offers.length ? state : { ...state, offers };
    }

    case 'dropChat': {
      const chats = state.chats.filter((c) => c.conversationId !== action.conversationId);
      return chats.length === state.chats.length ? state : { ...state, chats };
    }

    case 'tick': {
      // The server's expiry loop re-queues a lapsed offer; accepting it now would only earn a 409.
      const offers = state.offers.filter((o) => !(Date.parse(o.offerExpiresAt) <= action.now));
      return offers.length === state.offers.length ? state : { ...state, offers };
    }
  }
}

function pick(item: HandoffMineItem): StaffedChat {
  return { requestId: item.id, conversationId: item.conversationId, reason: item.reason, priority: item.priority, visitorName: item.visitorName, summary: item.summary, ...(item.channel ? { channel: item.channel } : {}) };
}

function sortOffers(offers: PendingOffer[]): PendingOffer[] {
  return [...offers].sort((a, b) => a.priority - b.priority || Date.parse(a.offerExpiresAt) - Date.parse(b.offerExpiresAt));
}
