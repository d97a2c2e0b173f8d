import { createElement } from './create-element.js';
import type { CustomerTicket, TicketAttachmentUpload } from './customer-ticket-schema.js';
import { formatMessageTime } from './format-message-time.js';
import type { Locale } from './messages.js';
import type { TicketScreen, TicketState } from './ticket-controller.js';
import type { ValidTicketForm } from './ticket-form-validation.js';
import type { TicketFormElement } from './ticket-form-element.js';
import { ticketErrorText, type TicketCatalogue } from './ticket-messages.js';
import type { TicketPageElement } from './ticket-page-element.js';

/** What the ticket screens ask of the TicketController. */
export interface TicketViewActions {
  showChat(): void;
  showNew(): Promise<void>;
  showList(): Promise<void>;
  showTicket(ticketId: string): Promise<void>;
  back(): void;
  submit(form: ValidTicketForm, attachments: TicketAttachmentUpload[]): Promise<boolean>;
  addInfo(body: string, attachments: TicketAttachmentUpload[]): Promise<boolean>;
  confirm(): Promise<boolean>;
  reopen(): Promise<boolean>;
  downloadAttachment(attachmentId: string): Promise<Blob | null>;
}

/** The form and the ticket page, loaded with widget-on-demand.js the first time a visitor opens either. */
export interface TicketScreens {
  TicketFormElement: typeof TicketFormElement;
  TicketPageElement: typeof TicketPageElement;
}

/** An object URL handed to a download must live until the browser has read it. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/**
 * The tab bar (在线咨询 / 提交工单 / 我的工单) and the pane the ticket screens draw into; the chat
 * view places both inside its panel. Holds no ticket state of its own.
 */
export class TicketView {
  readonly nav: HTMLElement;
  readonly pane: HTMLElement;
  readonly #locale: Locale;
  readonly #text: TicketCatalogue;
  readonly #actions: TicketViewActions;
  readonly #tabs: Record<'chat' | 'new' | 'list', HTMLButtonElement>;
  readonly #back: HTMLButtonElement;
  readonly #title: HTMLHeadingElement;
  readonly #error: HTMLDivElement;
  readonly #errorText: HTMLSpanElement;
  readonly #errorRetry: HTMLButtonElement;
  readonly #loading: HTMLParagraphElement;
  readonly #list: HTMLUListElement;
  readonly #empty: HTMLParagraphElement;
  readonly #loadScreens: () => Promise<TicketScreens>;
  #form: TicketFormElement | null = null;
  #page: TicketPageElement | null = null;
  #screens: 'idle' | 'loading' | 'failed' = 'idle';
  #last: TicketState | null = null;
  #screen: TicketScreen = 'chat';
  #listSignature = '';
  #ticketId: string | null = null;

  /** `notice`: the privacy notice's banner, drawn above the ticket screens (their forms wait for it). */
  constructor(options: { locale: Locale; text: TicketCatalogue; actions: TicketViewActions; loadScreens: () => Promise<TicketScreens>; notice?: HTMLElement }) {
    const { text, actions } = options;
    this.#locale = options.locale;
    this.#text = text;
    this.#actions = actions;
    this.#loadScreens = options.loadScreens;

    const tab = (label: string, testid: string, onClick: () => void) => {
      const button = createElement('button', { type: 'button', class: 'zd-tab', 'data-testid': testid }, label);
      button.addEventListener('click', onClick);
      return button;
    };
    this.#tabs = {
      chat: tab(text.tabChat, 'zhida-tab-chat', () => actions.showChat()),
      new: tab(text.tabNew, 'zhida-tab-new-ticket', () => void actions.showNew()),
      list: tab(text.tabMine, 'zhida-tab-my-tickets', () => void actions.showList()),
    };
    this.nav = createElement('nav', { class: 'zd-tabs', 'aria-label': text.navLabel }, this.#tabs.chat, this.#tabs.new, this.#tabs.list);

    this.#back = createElement('button', { type: 'button', class: 'zd-back', 'data-testid': 'zhida-ticket-back' }, createElement('span', { 'aria-hidden': 'true' }, '‹ '), text.back);
    this.#title = createElement('h3', { class: 'zd-pane-title', tabindex: '-1' });
    this.#errorText = createElement('span');
    this.#errorRetry = createElement('button', { type: 'button' }, text.retry);
    this.#error = createElement('div', { class: 'zd-pane-alert', role: 'alert', hidden: true, 'data-testid': 'zhida-ticket-error' }, this.#errorText, this.#errorRetry);
    this.#loading = createElement('p', { class: 'zd-muted zd-loading', role: 'status', hidden: true }, text.loading);
    this.#list = createElement('ul', { class: 'zd-ticket-list', 'aria-label': text.listTitle, 'data-testid': 'zhida-ticket-list' });
    this.#empty = createElement('p', { class: 'zd-muted zd-empty', hidden: true }, text.listEmpty);

    this.pane = createElement(
      'section',
      { class: 'zd-pane', hidden: true, 'aria-labelledby': 'zd-pane-title', 'data-testid': 'zhida-ticket-pane' },
      createElement('div', { class: 'zd-pane-header' }, this.#back, this.#title),
      ...(options.notice ? [options.notice] : []),
      this.#error,
      this.#loading,
      this.#empty,
      this.#list,
    );
    this.#title.id = 'zd-pane-title';
    this.#back.addEventListener('click', () => actions.back());
    this.#errorRetry.addEventListener('click', () => this.#retry());
  }

  render(state: TicketState): void {
    const text = this.#text;
    const screenChanged = state.screen !== this.#screen;
    this.#screen = state.screen;
    this.#ticketId = state.ticket?.id ?? null;
    this.#last = state;

    for (const [screen, button] of Object.entries(this.#tabs)) {
      const current = screen === state.screen || (screen === 'list' && state.screen === 'detail');
      if (current) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    this.pane.hidden = state.screen === 'chat';
    if (state.screen === 'chat') return;
    // The list needs nothing more; the form and the ticket page are fetched on first use.
    const waiting = state.screen !== 'list' && !this.#form;
    if (waiting && this.#screens === 'idle') this.#load();
    const screensFailed = waiting && this.#screens === 'failed';

    this.#back.hidden = !state.canGoBack;
    this.#title.textContent = { new: text.newTitle, list: text.listTitle, detail: text.detailTitle }[state.screen];
    this.#error.hidden = state.error === null && !screensFailed;
    this.#errorText.textContent = state.error ? ticketErrorText(state.error, text) : screensFailed ? text.screensLoadFailed : '';
    // Retrying makes sense for a failed load; a refused submit is fixed in the form instead.
    this.#errorRetry.hidden = !screensFailed && !(state.error && !state.working && this.#nothingToShow(state));
    this.#loading.hidden = screensFailed || !((waiting || state.loading) && this.#nothingToShow(state, waiting));

    if (this.#form) {
      this.#form.element.hidden = state.screen !== 'new' || state.categories === null;
      if (state.screen === 'new' && state.categories) this.#form.setCategories(state.categories);
      if (state.screen === 'new') this.#form.setWorking(state.working);
    }

    this.#list.hidden = state.screen !== 'list' || state.tickets === null;
    this.#empty.hidden = state.screen !== 'list' || state.tickets === null || state.tickets.length > 0;
    if (state.screen === 'list' && state.tickets) this.#renderList(state.tickets);

    if (this.#page) {
      this.#page.element.hidden = state.screen !== 'detail' || state.ticket === null;
      if (state.screen === 'detail' && state.ticket) this.#page.render(state.ticket, { submittedNumber: state.submittedNumber, working: state.working });
    }

    // Keyboard and screen-reader users land at the top of the new screen, not on a vanished button.
    if (screenChanged) this.#title.focus();
  }

  #nothingToShow(state: TicketState, waiting = false): boolean {
    return waiting || state.screen === 'new' ? state.categories === null : state.screen === 'list' ? state.tickets === null : state.ticket === null;
  }

  #load(): void {
    this.#screens = 'loading';
    const rerender = () => this.#last && this.render(this.#last);
    this.#loadScreens().then(
      ({ TicketFormElement, TicketPageElement }) => {
        const actions = this.#actions;
        this.#form = new TicketFormElement(this.#text, (form, attachments) => actions.submit(form, attachments));
        this.#page = new TicketPageElement(this.#locale, this.#text, {
          addInfo: (body, attachments) => actions.addInfo(body, attachments),
          confirm: () => void actions.confirm(),
          reopen: () => void actions.reopen(),
          openAttachment: (id, filename) => void this.#download(id, filename),
        });
        this.#loading.after(this.#form.element);
        this.pane.append(this.#page.element);
        rerender();
      },
      () => {
        this.#screens = 'failed';
        rerender();
      },
    );
  }

  #retry(): void {
    if (this.#screens === 'failed') return this.#load();
    if (this.#screen === 'new') void this.#actions.showNew();
    else if (this.#screen === 'list') void this.#actions.showList();
    else if (this.#screen === 'detail' && this.#ticketId) void this.#actions.showTicket(this.#ticketId);
  }

  #renderList(tickets: CustomerTicket[]): void {
    const signature = JSON.stringify(tickets.map((t) => [t.id, t.number, t.subject, t.status, t.statusText, t.updatedAt]));
    if (signature === this.#listSignature) return;
    this.#listSignature = signature;
    this.#list.replaceChildren(
      ...tickets.map((ticket) => {
        const open = createElement(
          'button',
          { type: 'button', class: 'zd-ticket-row', 'data-testid': 'zhida-ticket-item', 'data-ticket-number': ticket.number },
          createElement(
            'span',
            { class: 'zd-ticket-row-top' },
            createElement('span', { class: 'zd-ticket-number' }, ticket.number),
            createElement('span', { class: 'zd-status-badge', 'data-status': ticket.status }, ticket.statusText),
          ),
          createElement('span', { class: 'zd-ticket-subject' }, ticket.subject),
          createElement('span', { class: 'zd-muted' }, this.#text.updatedAt(formatMessageTime(ticket.updatedAt, this.#locale))),
        );
        open.addEventListener('click', () => void this.#actions.showTicket(ticket.id));
        return createElement('li', {}, open);
      }),
    );
  }

  /** Attachments need the visitor token, so they are fetched and handed to the browser as a download. */
  async #download(attachmentId: string, filename: string): Promise<void> {
    const blob = await this.#actions.downloadAttachment(attachmentId);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = createElement('a', { href: url, download: filename, rel: 'noopener' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }
}
