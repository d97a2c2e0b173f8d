import { createElement } from './create-element.js';
import type { HandoffState } from './handoff-controller.js';
import { getHandoffCatalogue, handoffErrorText, handoffStatusLine, type HandoffCatalogue } from './handoff-messages.js';
import type { Locale } from './messages.js';

/** What the handoff bar asks of the HandoffController (and of the ticket screens, for 我的工单). */
export interface HandoffViewActions {
  cancel(): void;
  openLeaveMessage(): void;
  closeLeaveMessage(): void;
  submitLeaveMessage(input: { text: string; mobile: string }): Promise<boolean>;
  showMyTickets(): void;
}

/**
 * The bar above the conversation that tells the visitor where they stand on the way to a human
 * (position and wait, who joined, why nobody can), with 取消等待, and the 留言 form. Holds no state
 * of its own beyond what the visitor is typing.
 */
export class HandoffView {
  readonly element: HTMLElement;
  readonly #text: HandoffCatalogue;
  readonly #line: HTMLSpanElement;
  readonly #cancel: HTMLButtonElement;
  readonly #leave: HTMLButtonElement;
  readonly #myTickets: HTMLButtonElement;
  readonly #form: HTMLFormElement;
  readonly #message: HTMLTextAreaElement;
  readonly #mobile: HTMLInputElement;
  readonly #messageError: HTMLParagraphElement;
  readonly #mobileError: HTMLParagraphElement;
  readonly #formError: HTMLParagraphElement;
  readonly #submit: HTMLButtonElement;

  /** `notice`: the privacy notice's banner, drawn inside the 留言 form (which waits for it). */
  constructor(options: { locale: Locale; actions: HandoffViewActions; notice?: HTMLElement }) {
    const text = getHandoffCatalogue(options.locale);
    const { actions } = options;
    this.#text = text;
    this.#line = createElement('span', { class: 'zd-handoff-line', 'data-testid': 'zhida-handoff-status' });
    this.#cancel = createElement('button', { type: 'button', class: 'zd-link', 'data-testid': 'zhida-handoff-cancel' }, text.cancel);
    this.#leave = createElement('button', { type: 'button', class: 'zd-link', 'data-testid': 'zhida-leave-message' }, text.leaveMessage);
    this.#myTickets = createElement('button', { type: 'button', class: 'zd-link', 'data-testid': 'zhida-handoff-my-tickets' }, text.myTickets);

    this.#message = createElement('textarea', { id: 'zd-lm-text', rows: '3', maxlength: '4000', placeholder: text.leaveMessagePlaceholder, 'aria-describedby': 'zd-lm-text-error' });
    this.#mobile = createElement('input', { id: 'zd-lm-mobile', type: 'tel', inputmode: 'tel', autocomplete: 'tel', 'aria-describedby': 'zd-lm-mobile-error' });
    this.#messageError = createElement('p', { class: 'zd-field-error', id: 'zd-lm-text-error', hidden: true });
    this.#mobileError = createElement('p', { class: 'zd-field-error', id: 'zd-lm-mobile-error', hidden: true });
    this.#formError = createElement('p', { class: 'zd-field-error', role: 'alert', hidden: true });
    this.#submit = createElement('button', { type: 'submit', class: 'zd-button zd-button-primary', 'data-testid': 'zhida-leave-message-submit' }, text.submit);
    const close = createElement('button', { type: 'button', class: 'zd-button zd-button-ghost' }, text.closeForm);
    this.#form = createElement(
      'form',
      { class: 'zd-form zd-leave-message', novalidate: true, hidden: true, 'data-testid': 'zhida-leave-message-form' },
      createElement('p', { class: 'zd-label' }, text.leaveMessageTitle),
      ...(options.notice ? [options.notice] : []),
      createElement('div', { class: 'zd-field' }, createElement('label', { class: 'zd-label', for: 'zd-lm-text' }, text.leaveMessageText), this.#message, this.#messageError),
      createElement('div', { class: 'zd-field' }, createElement('label', { class: 'zd-label', for: 'zd-lm-mobile' }, text.mobileLabel), this.#mobile, this.#mobileError),
      this.#formError,
      createElement('div', { class: 'zd-actions' }, this.#submit, close),
    );
    this.element = createElement(
      'div',
      { class: 'zd-handoff', hidden: true },
      // Only the line is a live region: the form's fields must not be read out on every queue move.
      createElement('div', { class: 'zd-handoff-bar' }, createElement('span', { role: 'status', class: 'zd-handoff-line-wrap' }, this.#line), this.#cancel, this.#leave, this.#myTickets),
      this.#form,
    );

    this.#cancel.addEventListener('click', () => actions.cancel());
    this.#leave.addEventListener('click', () => actions.openLeaveMessage());
    this.#myTickets.addEventListener('click', () => actions.showMyTickets());
    close.addEventListener('click', () => actions.closeLeaveMessage());
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void actions.submitLeaveMessage({ text: this.#message.value, mobile: this.#mobile.value }).then((sent) => {
        if (!sent) return;
        this.#message.value = '';
        this.#mobile.value = '';
      });
    });
  }

  render(state: HandoffState): void {
    const text = this.#text;
    const { status } = state;
    const line = status.state === 'left_message' && state.leftMessage ? text.leftMessage(state.leftMessage.ticketNumber) : handoffStatusLine(status, text);
    const formShown = state.form !== 'closed';
    this.element.hidden = line === null && !formShown;
    this.element.dataset.state = status.state;
    this.#line.textContent = line ?? '';
    this.#cancel.hidden = status.state !== 'waiting';
    this.#cancel.disabled = state.cancelling;
    this.#cancel.textContent = state.cancelling ? text.cancelling : text.cancel;
    this.#leave.hidden = status.state !== 'unavailable' || formShown;
    this.#myTickets.hidden = state.leftMessage === null || status.state !== 'left_message';

    const wasHidden = this.#form.hidden;
    this.#form.hidden = !formShown;
    this.#submit.disabled = state.form === 'sending';
    this.#submit.textContent = state.form === 'sending' ? text.sending : text.submit;
    showProblem(this.#message, this.#messageError, state.problems.text ? text.problem(state.problems.text) : null);
    showProblem(this.#mobile, this.#mobileError, state.problems.mobile ? text.problem(state.problems.mobile) : null);
    this.#formError.hidden = state.error === null;
    this.#formError.textContent = state.error ? handoffErrorText(state.error, text) : '';
    if (wasHidden && formShown) this.#message.focus();
  }
}

function showProblem(input: HTMLInputElement | HTMLTextAreaElement, error: HTMLParagraphElement, problem: string | null): void {
  input.setAttribute('aria-invalid', String(problem !== null));
  error.hidden = problem === null;
  error.textContent = problem ?? '';
}
