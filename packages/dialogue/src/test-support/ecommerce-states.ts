import type { DialogueState } from '../dialogue-state.js';
import { Conversation } from './conversation.js';
import { ecommerceBot } from './ecommerce-bot.js';

export const ORDER = 'E202611250001';
export const OTHER_ORDER = 'E202611200007';
const DELIVERED = { orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 2, itemSummary: '纯棉T恤 ×1' };

/**
 * Stored states of the ecommerce bot at the points policies are tested at, each reached by a real conversation.
 * @example ecommerceStates.returnAskingForOrder().flow?.stepId // 'order'
 */
export const ecommerceStates = {
  /** The welcome message is on show with its menu buttons. */
  welcomed(): DialogueState {
    const chat = new Conversation(ecommerceBot());
    chat.start();
    return state(chat);
  },
  /** "我的订单有问题" was clarified with three buttons. */
  clarified(): DialogueState {
    const chat = new Conversation(ecommerceBot());
    chat.say('我的订单有问题', { intent: 'order_status', confidence: 0.5 });
    return state(chat);
  },
  /** A return waits for its order number. */
  returnAskingForOrder(): DialogueState {
    return state(returnChat());
  },
  /** A return's order lookup is outstanding. */
  returnAwaitingLookup(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    return state(chat);
  },
  /** A return waits for its reason (buttons). */
  returnAskingForReason(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    return state(chat);
  },
  /** A return waits for how the parcel goes back (buttons 上门取件 / 自行寄回). */
  returnAskingForMethod(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    chat.say('质量问题');
    return state(chat);
  },
  /** A return waits for "确认提交吗？". */
  returnAskingToConfirm(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    chat.say('质量问题');
    chat.say('自己寄回去');
    return state(chat);
  },
  /** A return just ended on "已超过 7 天无理由退货期" for an order delivered 20 days ago. */
  returnRefusedOutsideWindow(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    chat.actionSucceeds({ ...DELIVERED, daysSinceDelivery: 20 });
    return state(chat);
  },
  /** "确定要取消当前的退货申请吗？" is on show. */
  returnAskingToCancel(): DialogueState {
    const chat = returnChat();
    chat.say('算了');
    return state(chat);
  },
  /** A complaint waits for its free-text description. */
  complaintAskingForDescription(): DialogueState {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要投诉', { intent: 'complaint', confidence: 0.9 });
    return state(chat);
  },
  /** A return was done; the bot remembers the order and the task. */
  afterReturnLookup(): DialogueState {
    const chat = returnChat();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    chat.say('算了');
    chat.say('是');
    return state(chat);
  },
};

function returnChat(): Conversation {
  const chat = new Conversation(ecommerceBot());
  chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
  return chat;
}

function state(chat: Conversation): DialogueState {
  if (!chat.state) throw new Error('the conversation has no state yet');
  return chat.state;
}
