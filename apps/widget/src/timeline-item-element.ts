import { createElement } from './create-element.js';
import { formatMessageTime } from './format-message-time.js';
import type { TimelineEntry } from './message-timeline.js';
import type { Catalogue, Locale } from './messages.js';

export interface TimelineItemContext {
  locale: Locale;
  text: Catalogue;
  /** Label the sender above the bubble (first of a run from the same sender). */
  showName: boolean;
  /** Quick replies are offered only on the newest message; older ones would answer a stale question. */
  offerQuickReplies: boolean;
  onQuickReply(text: string): void;
  onDismiss(clientMsgId: string): void;
}

/**
 * One `<li>` of the message list. Everything the server or the visitor wrote goes in as
 * text nodes; `white-space: pre-wrap` in the stylesheet keeps their line breaks.
 */
export function createTimelineItem(entry: TimelineEntry, ctx: TimelineItemContext): HTMLLIElement {
  if (entry.kind === 'pending') {
    const { pending } = entry;
    const status = { sending: ctx.text.sending, retrying: ctx.text.retrying, waiting: ctx.text.waiting, failed: ctx.text.failed }[pending.status];
    return createElement(
      'li',
      { class: 'zd-item', 'data-testid': 'zhida-message', 'data-sender': 'visitor', 'data-status': pending.status },
      createElement('div', { class: 'zd-bubble' }, pending.text),
      createElement(
        'div',
        { class: 'zd-meta' },
        createElement('span', { class: `zd-state-${pending.status}`, role: pending.status === 'failed' ? 'alert' : undefined }, status),
        pending.status === 'failed' && button(ctx.text.dismiss, () => ctx.onDismiss(pending.clientMsgId)),
      ),
    );
  }

  const { message } = entry;
  const time = formatMessageTime(message.createdAt, ctx.locale);
  const item = createElement('li', { class: 'zd-item', 'data-testid': 'zhida-message', 'data-sender': message.senderType, 'data-seq': String(message.seq) });
  if (message.senderType === 'system') {
    item.append(createElement('div', { class: 'zd-bubble' }, message.text));
    // The handoff's "nobody can take it" notice is a system message carrying the 留言 quick reply.
    appendQuickReplies(item, message.quickReplies, ctx);
    return item;
  }
  if (ctx.showName && message.senderType !== 'visitor') {
    const name = message.senderType === 'agent' ? (message.senderName ?? ctx.text.agentFallbackName) : (message.senderName ?? ctx.text.botName);
    item.append(createElement('div', { class: 'zd-name' }, name));
  }
  item.append(
    createElement('div', { class: 'zd-bubble' }, message.text),
    createElement(
      'div',
      { class: 'zd-meta' },
      // How it was said (🎤 spoken, ⌨ keypad), as the server marked it.
      typeof message.meta?.mark === 'string' && createElement('span', { class: 'zd-mark', 'data-testid': 'zhida-mark' }, message.meta.mark),
      time && createElement('time', { datetime: message.createdAt }, time),
    ),
  );
  appendQuickReplies(item, message.quickReplies, ctx);
  return item;
}

/** Quick replies are offered under the newest message only: older ones would answer a question no longer asked. */
function appendQuickReplies(item: HTMLLIElement, replies: readonly string[], ctx: TimelineItemContext): void {
  if (!ctx.offerQuickReplies || replies.length === 0) return;
  item.append(
    createElement(
      'div',
      { class: 'zd-quick', role: 'group', 'aria-label': ctx.text.quickReplies },
      ...replies.map((reply) => {
        const b = button(reply, () => ctx.onQuickReply(reply));
        b.setAttribute('data-testid', 'zhida-quick-reply');
        return b;
      }),
    ),
  );
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = createElement('button', { type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}
