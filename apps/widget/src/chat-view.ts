import type { ChatState } from './chat-controller.js';
import type { MessageDecorator } from './feedback-element.js';
import { createElement } from './create-element.js';
import type { TimelineEntry } from './message-timeline.js';
import type { Catalogue, Locale } from './messages.js';
import { createTimelineItem } from './timeline-item-element.js';
import { createIcon } from './widget-icons.js';
import { widgetStyles } from './widget-styles.js';

/** What the view asks of the controller; the view itself holds no conversation state. */
export interface ChatViewActions {
  open(): void;
  close(): void;
  send(text: string): boolean;
  keystroke(): void;
  dismiss(clientMsgId: string): void;
  retryStart(): void;
}

export interface ChatViewOptions {
  locale: Locale;
  text: Catalogue;
  title: string;
  actions: ChatViewActions;
  /** The clock `ChatState.busy.retryAt` is measured on (the controller's scheduler). */
  now: () => number;
  /** Other screens sharing the panel (the ticket screens): a bar under the header and a pane that replaces the chat. */
  screens?: { nav: HTMLElement; pane: HTMLElement };
  /** The way-to-a-human bar (queue position, agent joined, 留言), shown above the conversation. */
  handoff?: HTMLElement;
  /** The 猜你想办 row, shown just above the composer. */
  recommendations?: HTMLElement;
  /** The self-service search box, at the top of the conversation. */
  search?: HTMLElement;
  /** Adds what belongs under a message beyond its text (the survey card, 有帮助/没帮助). */
  decorator?: MessageDecorator;
  /** Voice: 按住说话 in the composer, the 🔊 switch in the header, the notice line above the composer, the player. */
  voice?: { talk: HTMLElement; sound: HTMLElement; status: HTMLElement; audio: HTMLElement };
  /** The privacy notice and 隐私设置 (above the composer), and the header button that opens the settings. */
  privacy?: { pane: HTMLElement; headerButton: HTMLElement };
}

/** Longest message the API accepts. */
const MAX_TEXT_LENGTH = 4000;
/** How close to the bottom (px) still counts as "reading the latest", so new messages scroll into view. */
const STICKY_SCROLL_PX = 80;

/**
 * The launcher button and chat panel, rendered into an open shadow root (open so end-to-end
 * tests can pierce it). Re-renders are keyed by message, so focus and scroll survive updates.
 */
export class ChatView {
  readonly host: HTMLElement;
  readonly #options: ChatViewOptions;
  readonly #root: HTMLDivElement;
  readonly #launcher: HTMLButtonElement;
  readonly #launcherIcon: HTMLSpanElement;
  readonly #badge: HTMLSpanElement;
  readonly #panel: HTMLElement;
  readonly #status: HTMLParagraphElement;
  readonly #statusText: HTMLSpanElement;
  readonly #banner: HTMLDivElement;
  readonly #bannerText: HTMLSpanElement;
  readonly #bannerRetry: HTMLButtonElement;
  readonly #notice: HTMLDivElement;
  readonly #noticeCountdown: HTMLSpanElement;
  #busy: { retryAt: number } | null = null;
  #countdownTimer: ReturnType<typeof setInterval> | null = null;
  readonly #list: HTMLOListElement;
  readonly #typing: HTMLDivElement;
  readonly #typingText: HTMLSpanElement;
  readonly #input: HTMLTextAreaElement;
  readonly #send: HTMLButtonElement;
  readonly #composer: HTMLFormElement;
  #chatVisible = true;
  readonly #rendered = new Map<string, { element: HTMLLIElement; signature: string }>();
  #wasOpen = false;

  constructor(options: ChatViewOptions) {
    this.#options = options;
    const { text, title, actions } = options;
    this.host = createElement('div', { id: 'zhida-widget', 'data-zhida': 'widget' });
    const shadow = this.host.attachShadow({ mode: 'open' });

    this.#badge = createElement('span', { class: 'zd-badge', 'aria-hidden': 'true', hidden: true });
    this.#launcherIcon = createElement('span', { 'aria-hidden': 'true', style: 'display:contents' }, createIcon('chat'));
    this.#launcher = createElement(
      'button',
      { type: 'button', class: 'zd-launcher', 'data-testid': 'zhida-launcher', 'aria-label': text.openChat, 'aria-haspopup': 'dialog', 'aria-expanded': 'false' },
      this.#launcherIcon,
      this.#badge,
    );

    const titleId = 'zd-title';
    this.#statusText = createElement('span', {}, text.subtitleConnecting);
    this.#status = createElement('p', { class: 'zd-status' }, createElement('span', { class: 'zd-dot', 'aria-hidden': 'true' }), this.#statusText);
    const closeButton = createElement('button', { type: 'button', class: 'zd-close', 'aria-label': text.closeChat, 'data-testid': 'zhida-close' }, createIcon('close'));
    const header = createElement(
      'header',
      { class: 'zd-header' },
      createElement('div', { class: 'zd-avatar' }, createIcon('headset')),
      createElement('div', { class: 'zd-heading' }, createElement('h2', { class: 'zd-title', id: titleId }, title), this.#status),
      options.voice?.sound,
      options.privacy?.headerButton,
      closeButton,
    );

    this.#bannerText = createElement('span');
    this.#bannerRetry = createElement('button', { type: 'button' }, text.tryAgain);
    this.#banner = createElement('div', { class: 'zd-banner', role: 'alert', hidden: true }, this.#bannerText, this.#bannerRetry);
    // Calm, not an alert: the countdown is for the eyes; a screen reader hears one sentence, not every second.
    this.#noticeCountdown = createElement('span', { 'aria-hidden': 'true' });
    this.#notice = createElement(
      'div',
      { class: 'zd-notice', role: 'status', hidden: true, 'data-testid': 'zhida-busy' },
      this.#noticeCountdown,
      createElement('span', { class: 'zd-sr-only' }, text.busyAnnouncement),
    );

    this.#list = createElement('ol', { class: 'zd-messages', role: 'log', 'aria-live': 'polite', 'aria-label': text.messageList, tabindex: '0' });
    this.#typingText = createElement('span');
    this.#typing = createElement(
      'div',
      { class: 'zd-typing', 'aria-live': 'polite', hidden: true, 'data-testid': 'zhida-typing' },
      createElement('span', { class: 'zd-typing-dots', 'aria-hidden': 'true' }, createElement('i'), createElement('i'), createElement('i')),
      this.#typingText,
    );

    this.#input = createElement('textarea', {
      class: 'zd-input',
      rows: '1',
      maxlength: String(MAX_TEXT_LENGTH),
      'aria-label': text.inputLabel,
      placeholder: text.inputPlaceholder,
      'data-testid': 'zhida-input',
      enterkeyhint: 'send',
    });
    this.#send = createElement('button', { type: 'submit', class: 'zd-send', 'aria-label': text.send, 'data-testid': 'zhida-send', disabled: true }, createIcon('send'));
    const composer = createElement('form', { class: 'zd-composer' }, this.#input, options.voice?.talk, this.#send);
    this.#composer = composer;

    this.#panel = createElement(
      'section',
      { class: 'zd-panel', role: 'dialog', 'aria-label': title, 'aria-modal': 'false', hidden: true, 'data-testid': 'zhida-panel' },
      header,
      options.screens?.nav,
      this.#banner,
      this.#notice,
      options.screens?.pane,
      options.handoff,
      options.search,
      this.#list,
      this.#typing,
      options.recommendations,
      options.voice?.status,
      options.voice?.audio,
      options.privacy?.pane,
      composer,
      createElement('footer', { class: 'zd-footer' }, text.poweredBy),
    );
    this.#launcher.setAttribute('aria-controls', 'zd-panel');
    this.#panel.id = 'zd-panel';

    this.#root = createElement('div', { class: 'zd-root', lang: options.locale, 'data-open': 'false' }, this.#panel, this.#launcher);
    shadow.append(createElement('style', {}, widgetStyles), this.#root);

    this.#launcher.addEventListener('click', () => (this.#panel.hidden ? actions.open() : actions.close()));
    closeButton.addEventListener('click', () => actions.close());
    this.#bannerRetry.addEventListener('click', () => actions.retryStart());
    this.#panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        actions.close();
      }
    });
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.#input.addEventListener('keydown', (event) => {
      // While an IME is composing (pinyin!), Enter picks a candidate; it must not send.
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      this.#submit();
    });
    this.#input.addEventListener('input', () => {
      this.#autoGrow();
      this.#send.disabled = this.#input.value.trim() === '';
      actions.keystroke();
    });
  }

  render(state: ChatState): void {
    const { text } = this.#options;
    this.#root.dataset.open = String(state.open);
    this.#panel.hidden = !state.open;
    this.#launcher.setAttribute('aria-expanded', String(state.open));
    this.#launcher.setAttribute('aria-label', state.open ? text.closeChat : state.unread > 0 ? `${text.openChat}（${text.unread(state.unread)}）` : text.openChat);
    this.#launcherIcon.replaceChildren(createIcon(state.open ? 'chevronDown' : 'chat'));
    this.#badge.hidden = state.open || state.unread === 0;
    this.#badge.textContent = state.unread > 99 ? '99+' : String(state.unread);

    const connection = state.phase === 'failed' ? 'unavailable' : state.phase === 'ready' ? state.connection : 'connecting';
    this.#status.dataset.connection = connection;
    this.#statusText.textContent = {
      online: text.subtitleOnline,
      reconnecting: text.subtitleReconnecting,
      connecting: text.subtitleConnecting,
      unavailable: text.subtitleUnavailable,
    }[connection];

    this.#banner.hidden = state.phase !== 'failed';
    this.#bannerText.textContent = state.failure === 'identity' ? text.identityRejected : text.startFailed;
    this.#bannerRetry.hidden = state.failure === 'identity';
    this.#renderBusy(state.phase === 'failed' ? null : state.busy);

    this.#typing.hidden = state.typing === null;
    this.#typingText.textContent = state.typing ? text.someoneTyping(state.typing.senderType === 'agent' ? text.agentFallbackName : text.botName) : '';

    this.#renderEntries(state.entries);

    if (state.open && !this.#wasOpen) {
      this.#scrollToBottom();
      if (this.#chatVisible) this.#input.focus();
    } else if (!state.open && this.#wasOpen) {
      // Closing must not strand keyboard users inside a hidden dialog.
      this.#launcher.focus();
    }
    this.#wasOpen = state.open;
  }

  /** Shows the conversation, or hides it while another screen (a ticket pane) has the panel. */
  setChatVisible(visible: boolean): void {
    if (visible === this.#chatVisible) return;
    this.#chatVisible = visible;
    this.#list.hidden = !visible;
    this.#composer.hidden = !visible;
    if (this.#options.handoff) this.#options.handoff.dataset.screen = visible ? 'chat' : 'other';
    this.#typing.dataset.screen = visible ? 'chat' : 'other';
    if (this.#options.recommendations) this.#options.recommendations.dataset.screen = visible ? 'chat' : 'other';
    if (this.#options.search) this.#options.search.dataset.screen = visible ? 'chat' : 'other';
    if (visible) {
      this.#scrollToBottom();
      this.#input.focus();
    }
  }

  #renderBusy(busy: { retryAt: number } | null): void {
    this.#busy = busy;
    this.#notice.hidden = busy === null;
    if (busy === null) {
      if (this.#countdownTimer !== null) clearInterval(this.#countdownTimer);
      this.#countdownTimer = null;
      return;
    }
    this.#countdownTimer ??= setInterval(() => this.#tickCountdown(), 1000);
    this.#tickCountdown();
  }

  #tickCountdown(): void {
    if (!this.#busy) return;
    const { text, now } = this.#options;
    const seconds = Math.ceil((this.#busy.retryAt - now()) / 1000);
    this.#noticeCountdown.textContent = seconds > 0 ? text.busyRetryIn(seconds) : text.busyRetrying;
  }

  #submit(): void {
    if (!this.#options.actions.send(this.#input.value)) return;
    this.#input.value = '';
    this.#send.disabled = true;
    this.#autoGrow();
    this.#input.focus();
    this.#scrollToBottom();
  }

  #renderEntries(entries: TimelineEntry[]): void {
    const { locale, text, actions } = this.#options;
    const stick = this.#list.scrollHeight - this.#list.scrollTop - this.#list.clientHeight < STICKY_SCROLL_PX;
    const seen = new Set<string>();
    let previous: HTMLLIElement | null = null;
    entries.forEach((entry, index) => {
      const prior = entries[index - 1];
      const senderOf = (e: TimelineEntry | undefined) => (e === undefined ? null : e.kind === 'pending' ? 'visitor' : `${e.message.senderType}:${e.message.senderName ?? ''}`);
      const showName = senderOf(prior) !== senderOf(entry);
      const offerQuickReplies = index === entries.length - 1;
      const decoration = entry.kind === 'message' && this.#options.decorator ? this.#options.decorator.signature(entry.message) : '';
      const signature = `${entry.kind === 'pending' ? entry.pending.status : 'ok'}|${showName}|${offerQuickReplies}|${decoration}`;
      seen.add(entry.key);
      let rendered = this.#rendered.get(entry.key);
      if (!rendered || rendered.signature !== signature) {
        const element = createTimelineItem(entry, {
          locale,
          text,
          showName,
          offerQuickReplies,
          onQuickReply: (reply) => {
            actions.send(reply);
            this.#input.focus();
          },
          onDismiss: (id) => actions.dismiss(id),
        });
        if (entry.kind === 'message') this.#options.decorator?.decorate(entry.message, element);
        if (rendered) rendered.element.replaceWith(element);
        rendered = { element, signature };
        this.#rendered.set(entry.key, rendered);
      }
      const expectedPosition: ChildNode | null = previous ? previous.nextSibling : this.#list.firstChild;
      if (expectedPosition !== rendered.element) this.#list.insertBefore(rendered.element, expectedPosition);
      previous = rendered.element;
    });
    for (const [key, rendered] of this.#rendered) {
      if (seen.has(key)) continue;
      rendered.element.remove();
      this.#rendered.delete(key);
    }
    if (stick) this.#scrollToBottom();
  }

  #scrollToBottom(): void {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  #autoGrow(): void {
    this.#input.style.height = 'auto';
    this.#input.style.height = `${Math.min(this.#input.scrollHeight, 120)}px`;
  }
}
