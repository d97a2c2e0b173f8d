import type { CustomerTicket, TicketAttachmentUpload, TicketCategory } from './customer-ticket-schema.js';
import type { TicketApiClient } from './ticket-api-client.js';
import type { ValidTicketForm } from './ticket-form-validation.js';
import { NOTICE_REQUIRED, type NoticeGate } from './notice-gate.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

/** Which screen of the panel is showing: the chat, or one of the ticket screens. */
export type TicketScreen = 'chat' | 'new' | 'list' | 'detail';

/** Everything the ticket screens need to draw themselves. */
export interface TicketState {
  screen: TicketScreen;
  /** Whether 返回 has somewhere to go (every ticket screen can go back, at least to the chat). */
  canGoBack: boolean;
  /** Null until loaded. */
  categories: TicketCategory[] | null;
  /** 我的工单 in the server's order; null until loaded. Whole tickets, so opening one draws at once. */
  tickets: CustomerTicket[] | null;
  /** The ticket page's ticket. */
  ticket: CustomerTicket | null;
  loading: boolean;
  /** A submit, reply, confirm or reopen is on its way; its buttons are disabled meanwhile. */
  working: boolean;
  /** The last failure, with the server's own message when it sent one. */
  error: { code: string; message: string } | null;
  /** The number of the ticket just submitted, shown on its page ("工单已提交：GD…"). */
  submittedNumber: string | null;
}

export interface TicketControllerDeps {
  api: Pick<TicketApiClient, 'listCategories' | 'submit' | 'listMine' | 'get' | 'addInfo' | 'confirm' | 'reopen' | 'downloadAttachment'>;
  /** The chat's visitor session, starting the conversation if need be; null when the service cannot be reached. */
  session: () => Promise<VisitorSession | null>;
  /** The privacy notice: 提交工单 and 补充信息 wait for its acceptance (none: nothing is held back). */
  notice?: NoticeGate;
}

/**
 * The 提交工单 / 我的工单 screens without any DOM: navigation (with 返回), loading, submitting and
 * refreshing when the server says a ticket changed. The view subscribes and calls its methods.
 *
 * @example
 * const tickets = new TicketController({ api: new TicketApiClient(origin, fetch), session: () => chat.ensureSession() });
 * tickets.subscribe((state) => view.render(state));
 * await tickets.showList();
 */
export class TicketController {
  readonly #deps: TicketControllerDeps;
  readonly #listeners = new Set<(state: TicketState) => void>();
  /** Screens to return to; the chat is always at the bottom. */
  #history: TicketScreen[] = [];
  /** Bumped on every navigation so an answer for a screen the visitor has left is dropped. */
  #generation = 0;
  #state: TicketState = {
    screen: 'chat',
    canGoBack: false,
    categories: null,
    tickets: null,
    ticket: null,
    loading: false,
    working: false,
    error: null,
    submittedNumber: null,
  };

  constructor(deps: TicketControllerDeps) {
    this.#deps = deps;
  }

  get state(): TicketState {
    return this.#state;
  }

  subscribe(listener: (state: TicketState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** The tab bar: jump to a top-level screen; 返回 from there leads to the chat. */
  showChat(): void {
    this.#go('chat', []);
  }

  /** The 提交工单 form; loads the categories the first time. */
  async showNew(): Promise<void> {
    const generation = this.#go('new', ['chat']);
    if (this.#state.categories !== null) return;
    await this.#load(generation, async (session) => ({ categories: await this.#deps.api.listCategories(session) }));
  }

  /** 我的工单. */
  async showList(): Promise<void> {
    const generation = this.#go('list', ['chat']);
    await this.#load(generation, async (session) => ({ tickets: await this.#deps.api.listMine(session) }));
  }

  /** One ticket's page: drawn at once from the list, then refreshed. */
  async showTicket(ticketId: string): Promise<void> {
    const known = this.#state.tickets?.find((t) => t.id === ticketId) ?? (this.#state.ticket?.id === ticketId ? this.#state.ticket : null);
    const back = this.#state.screen === 'detail' ? this.#history : [...this.#history, this.#state.screen];
    const generation = this.#go('detail', back, { ticket: known });
    await this.#load(generation, async (session) => ({ ticket: await this.#deps.api.get(session, ticketId) }));
  }

  /** 返回: the previous screen (the list is refetched, it may have changed meanwhile). */
  back(): void {
    const previous = this.#history.at(-1) ?? 'chat';
    const rest = this.#history.slice(0, -1);
    if (previous === 'list') {
      this.#history = rest;
      void this.showList();
      return;
    }
    this.#go(previous, rest);
  }

  /**
   * Files the ticket; on success shows its page with the number at once. Returns false (and sets
   * `error`) when the server refused, so the form keeps what the visitor typed.
   */
  async submit(form: ValidTicketForm, attachments: TicketAttachmentUpload[]): Promise<boolean> {
    if (this.#heldForNotice()) return false;
    const created = await this.#work(async (session) => {
      await this.#deps.notice?.beforeSending(session);
      return this.#deps.api.submit(session, { ...form, attachments });
    });
    if (!created) return false;
    // 返回 from the new ticket's page leads to 我的工单, where it now is.
    this.#go('detail', ['chat', 'list'], {
      ticket: created,
      submittedNumber: created.number,
      tickets: this.#state.tickets ? [created, ...this.#state.tickets.filter((t) => t.id !== created.id)] : null,
    });
    return true;
  }

  /** 补充信息 on the open ticket. */
  async addInfo(body: string, attachments: TicketAttachmentUpload[]): Promise<boolean> {
    if (this.#heldForNotice()) return false;
    return this.#act(async (session, id) => {
      await this.#deps.notice?.beforeSending(session);
      return this.#deps.api.addInfo(session, id, { body, attachments });
    });
  }

  /** 确认已解决. */
  confirm(): Promise<boolean> {
    return this.#act((session, id) => this.#deps.api.confirm(session, id));
  }

  /** 重新打开. */
  reopen(): Promise<boolean> {
    return this.#act((session, id) => this.#deps.api.reopen(session, id));
  }

  /** An attachment's bytes for the visitor to open; null (with `error` set) when that failed. */
  async downloadAttachment(attachmentId: string): Promise<Blob | null> {
    const ticketId = this.#state.ticket?.id;
    if (!ticketId) return null;
    return this.#work((session) => this.#deps.api.downloadAttachment(session, ticketId, attachmentId), false);
  }

  /** The server pushed `ticket.changed`: refetch what is on screen if it shows that ticket. */
  ticketChanged(ticketId: string): void {
    const { screen, ticket } = this.#state;
    if (screen === 'list') void this.#refresh();
    else if (screen === 'detail' && ticket?.id === ticketId) void this.#refresh();
  }

  /** The socket came back: pushes may have been missed while it was down. */
  reconnected(): void {
    if (this.#state.screen === 'list' || this.#state.screen === 'detail') void this.#refresh();
  }

  /** The privacy notice was accepted meanwhile: its "please accept first" error no longer applies. */
  noticeAccepted(): void {
    if (this.#state.error?.code === NOTICE_REQUIRED) this.#update({ error: null });
  }

  /** Forget the last error (the visitor dismissed it or changed the form). */
  clearError(): void {
    if (this.#state.error) this.#update({ error: null });
  }

  /** Refetches the list or the ticket on screen without navigating; failures stay quiet, the old data remains. */
  async #refresh(): Promise<void> {
    const generation = this.#generation;
    const { screen, ticket } = this.#state;
    try {
      const session = await this.#deps.session();
      if (!session) return;
      if (screen === 'list') {
        const tickets = await this.#deps.api.listMine(session);
        if (generation === this.#generation) this.#update({ tickets });
      } else if (screen === 'detail' && ticket) {
        const fresh = await this.#deps.api.get(session, ticket.id);
        if (generation === this.#generation) this.#update({ ticket: fresh, tickets: this.#withListed(fresh) });
      }
    } catch {
      // A live refresh is a courtesy: the next push, reconnect or navigation tries again.
    }
  }

  #go(screen: TicketScreen, history: TicketScreen[], patch: Partial<TicketState> = {}): number {
    this.#history = screen === 'chat' ? [] : history;
    this.#generation += 1;
    this.#update({
      screen,
      canGoBack: screen !== 'chat',
      loading: false,
      error: null,
      submittedNumber: null,
      ...(screen === 'detail' ? {} : { ticket: null }),
      ...patch,
    });
    return this.#generation;
  }

  async #load(generation: number, fetch: (session: VisitorSession) => Promise<Partial<TicketState>>): Promise<void> {
    this.#update({ loading: true });
    try {
      const session = await this.#requireSession();
      const patch = await fetch(session);
      if (generation !== this.#generation) return;
      this.#update({ ...patch, loading: false, ...(patch.ticket ? { tickets: this.#withListed(patch.ticket) } : {}) });
    } catch (cause) {
      if (generation !== this.#generation) return;
      this.#update({ loading: false, error: toError(cause) });
    }
  }

  /** A form that sends personal information waits for the notice: says so and sends nothing. */
  #heldForNotice(): boolean {
    if (!this.#deps.notice || this.#deps.notice.accepted()) return false;
    this.#update({ error: { code: NOTICE_REQUIRED, message: '' } });
    return true;
  }

  /** Runs a change on the open ticket and shows the server's answer. */
  async #act(call: (session: VisitorSession, ticketId: string) => Promise<CustomerTicket>): Promise<boolean> {
    const ticketId = this.#state.ticket?.id;
    if (!ticketId) return false;
    const generation = this.#generation;
    const ticket = await this.#work((session) => call(session, ticketId));
    if (!ticket) return false;
    if (generation === this.#generation) this.#update({ ticket, tickets: this.#withListed(ticket), submittedNumber: null });
    return true;
  }

  async #work<T>(call: (session: VisitorSession) => Promise<T>, busy = true): Promise<T | null> {
    if (this.#state.working) return null;
    if (busy) this.#update({ working: true, error: null });
    try {
      const result = await call(await this.#requireSession());
      if (busy) this.#update({ working: false });
      return result;
    } catch (cause) {
      this.#update({ working: false, error: toError(cause) });
      return null;
    }
  }

  async #requireSession(): Promise<VisitorSession> {
    const session = await this.#deps.session();
    if (!session) throw new WidgetApiError('unavailable', 0, 'no visitor session');
    return session;
  }

  /** The list, with this ticket's row brought up to date (when the list is loaded). */
  #withListed(ticket: CustomerTicket): CustomerTicket[] | null {
    const tickets = this.#state.tickets;
    return tickets ? tickets.map((t) => (t.id === ticket.id ? ticket : t)) : null;
  }

  #update(patch: Partial<TicketState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }
}

function toError(cause: unknown): { code: string; message: string } {
  const error = WidgetApiError.from(cause);
  return { code: error.code, message: error.message };
}
