import { AttachmentPicker } from './attachment-picker.js';
import { createElement } from './create-element.js';
import type { CustomerTicket, TicketAttachmentUpload } from './customer-ticket-schema.js';
import { formatMessageTime } from './format-message-time.js';
import { formatTicketTime } from './format-ticket-time.js';
import type { Locale } from './messages.js';
import { MAX_DESCRIPTION_LENGTH, validateReply } from './ticket-form-validation.js';
import type { TicketCatalogue } from './ticket-messages.js';

export interface TicketPageActions {
  addInfo(body: string, attachments: TicketAttachmentUpload[]): Promise<boolean>;
  confirm(): void;
  reopen(): void;
  openAttachment(attachmentId: string, filename: string): void;
}

/**
 * One ticket as its customer sees it: number, status, the expected next step, the progress
 * timeline, and what they may do now (补充信息, 确认已解决, 重新打开). Server text goes into text
 * nodes only. The 补充信息 box is built once per ticket, so a live refresh never eats a draft.
 */
export class TicketPageElement {
  readonly element: HTMLDivElement;
  readonly #locale: Locale;
  readonly #text: TicketCatalogue;
  readonly #actions: TicketPageActions;
  readonly #notice: HTMLParagraphElement;
  readonly #summary: HTMLDivElement;
  readonly #timeline: HTMLOListElement;
  readonly #decision: HTMLDivElement;
  readonly #reply: HTMLFormElement;
  readonly #replyInput: HTMLTextAreaElement;
  readonly #replyError: HTMLParagraphElement;
  readonly #replySend: HTMLButtonElement;
  readonly #picker: AttachmentPicker;
  #ticketId: string | null = null;
  #signature = '';
  #working = false;

  constructor(locale: Locale, text: TicketCatalogue, actions: TicketPageActions) {
    this.#locale = locale;
    this.#text = text;
    this.#actions = actions;
    this.#notice = createElement('p', { class: 'zd-success', role: 'status', hidden: true, 'data-testid': 'zhida-ticket-submitted' });
    this.#summary = createElement('div', { class: 'zd-ticket-summary' });
    this.#decision = createElement('div', { class: 'zd-ticket-decision' });
    this.#timeline = createElement('ol', { class: 'zd-ticket-timeline', 'data-testid': 'zhida-ticket-timeline' });

    this.#replyInput = createElement('textarea', {
      id: 'zd-ticket-reply',
      rows: '3',
      maxlength: String(MAX_DESCRIPTION_LENGTH),
      placeholder: text.addInfoPlaceholder,
      'aria-describedby': 'zd-ticket-reply-error',
      'data-testid': 'zhida-ticket-reply',
    });
    this.#replyError = createElement('p', { class: 'zd-field-error', id: 'zd-ticket-reply-error', hidden: true });
    this.#replySend = createElement('button', { type: 'submit', class: 'zd-button zd-button-primary', 'data-testid': 'zhida-ticket-reply-send' }, text.addInfoSend);
    this.#picker = new AttachmentPicker(text, 'zd-reply-files');
    this.#reply = createElement(
      'form',
      { class: 'zd-form zd-ticket-reply', novalidate: true },
      createElement('div', { class: 'zd-field' }, createElement('label', { class: 'zd-label', for: 'zd-ticket-reply' }, text.addInfoLabel), this.#replyInput, this.#replyError),
      this.#picker.element,
      this.#replySend,
    );
    this.#replyInput.addEventListener('input', () => this.#showReplyProblem(null));
    this.#reply.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#sendReply();
    });

    this.element = createElement(
      'div',
      { class: 'zd-ticket-page', 'data-testid': 'zhida-ticket-page' },
      this.#notice,
      this.#summary,
      this.#decision,
      createElement('h4', { class: 'zd-subheading' }, text.progress),
      this.#timeline,
      this.#reply,
    );
  }

  render(ticket: CustomerTicket, options: { submittedNumber: string | null; working: boolean }): void {
    if (ticket.id !== this.#ticketId) {
      this.#ticketId = ticket.id;
      this.#reply.reset();
      this.#picker.reset();
      this.#showReplyProblem(null);
    }
    this.#notice.hidden = options.submittedNumber === null;
    this.#notice.textContent = options.submittedNumber === null ? '' : this.#text.submitted(options.submittedNumber);
    this.#setWorking(options.working);

    const signature = JSON.stringify(ticket);
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#renderSummary(ticket);
    this.#renderDecision(ticket);
    this.#renderTimeline(ticket);
    this.#reply.hidden = !ticket.canAddInfo;
  }

  #renderSummary(ticket: CustomerTicket): void {
    const text = this.#text;
    const parts: (HTMLElement | null)[] = [
      createElement(
        'div',
        { class: 'zd-ticket-heading' },
        createElement('h3', { class: 'zd-ticket-number', 'data-testid': 'zhida-ticket-number' }, ticket.number),
        createElement('span', { class: 'zd-status-badge', 'data-status': ticket.status, 'data-testid': 'zhida-ticket-status' }, ticket.statusText),
      ),
      createElement('p', { class: 'zd-ticket-subject' }, ticket.subject),
      ticket.category ? createElement('p', { class: 'zd-muted' }, text.categoryOf(ticket.category.name)) : null,
      ticket.expectation ? createElement('p', { class: 'zd-expectation', 'data-testid': 'zhida-ticket-expectation' }, ticket.expectation) : null,
      createElement('h4', { class: 'zd-subheading' }, text.description),
      createElement('p', { class: 'zd-ticket-description' }, ticket.description),
    ];
    this.#summary.replaceChildren(...parts.filter((part) => part !== null));
  }

  #renderDecision(ticket: CustomerTicket): void {
    const text = this.#text;
    const confirm = ticket.canConfirm && createElement('button', { type: 'button', class: 'zd-button zd-button-primary', 'data-testid': 'zhida-ticket-confirm' }, text.confirm);
    const reopen = ticket.canReopen && createElement('button', { type: 'button', class: 'zd-button zd-button-ghost', 'data-testid': 'zhida-ticket-reopen' }, text.reopen);
    if (confirm) confirm.addEventListener('click', () => this.#actions.confirm());
    if (reopen) reopen.addEventListener('click', () => this.#actions.reopen());
    const until = ticket.canReopen && ticket.reopenUntil ? formatTicketTime(ticket.reopenUntil, this.#locale) : '';
    this.#decision.replaceChildren(
      ...(confirm || reopen ? [createElement('div', { class: 'zd-actions' }, confirm, reopen)] : []),
      ...(until ? [createElement('p', { class: 'zd-muted', 'data-testid': 'zhida-ticket-reopen-until' }, text.reopenUntil(until))] : []),
    );
    this.#decision.hidden = this.#decision.childElementCount === 0;
    this.#setWorking(this.#working);
  }

  #renderTimeline(ticket: CustomerTicket): void {
    const text = this.#text;
    this.#timeline.replaceChildren(
      ...ticket.timeline.map((item) =>
        createElement(
          'li',
          { class: 'zd-ticket-event', 'data-by': item.by, 'data-testid': 'zhida-ticket-event' },
          createElement(
            'div',
            { class: 'zd-meta' },
            createElement('span', {}, text.by[item.by]),
            createElement('time', { datetime: item.at }, formatMessageTime(item.at, this.#locale)),
          ),
          createElement('p', { class: 'zd-ticket-event-text' }, item.text),
          item.attachments.length > 0 &&
            createElement(
              'div',
              { class: 'zd-ticket-files' },
              ...item.attachments.map((attachment) => {
                const open = createElement('button', { type: 'button', class: 'zd-link', 'aria-label': text.openAttachment(attachment.filename) }, attachment.filename);
                open.addEventListener('click', () => this.#actions.openAttachment(attachment.id, attachment.filename));
                return open;
              }),
            ),
        ),
      ),
    );
  }

  async #sendReply(): Promise<void> {
    if (this.#working) return;
    const problem = validateReply(this.#replyInput.value);
    this.#showReplyProblem(problem === null ? null : this.#text.problems[problem]);
    if (problem) {
      this.#replyInput.focus();
      return;
    }
    this.#setWorking(true);
    let sent = false;
    try {
      sent = await this.#actions.addInfo(this.#replyInput.value.trim(), await this.#picker.uploads());
    } finally {
      this.#setWorking(false);
    }
    if (sent) {
      this.#reply.reset();
      this.#picker.reset();
    }
  }

  #showReplyProblem(message: string | null): void {
    this.#replyError.hidden = message === null;
    this.#replyError.textContent = message ?? '';
    if (message === null) this.#replyInput.removeAttribute('aria-invalid');
    else this.#replyInput.setAttribute('aria-invalid', 'true');
  }

  #setWorking(working: boolean): void {
    this.#working = working;
    this.#replySend.disabled = working;
    this.#picker.setDisabled(working);
    for (const button of this.#decision.querySelectorAll('button')) button.disabled = working;
  }
}
