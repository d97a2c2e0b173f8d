import { AttachmentPicker } from './attachment-picker.js';
import { createElement } from './create-element.js';
import type { TicketAttachmentUpload, TicketCategory, TicketField } from './customer-ticket-schema.js';
import { MAX_DESCRIPTION_LENGTH, validateTicketForm, type TicketFormInput, type ValidTicketForm } from './ticket-form-validation.js';
import type { TicketCatalogue } from './ticket-messages.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface LabelledControl {
  wrapper: HTMLDivElement;
  control: Control;
  error: HTMLParagraphElement;
}

/**
 * The 提交工单 form: category (from the server), description with a counter, the category's own
 * fields, contact details and attachments. It checks everything before sending and keeps what the
 * visitor typed if the server refuses; it is built once, so a draft survives switching screens.
 */
export class TicketFormElement {
  readonly element: HTMLFormElement;
  readonly #text: TicketCatalogue;
  readonly #onSubmit: (form: ValidTicketForm, attachments: TicketAttachmentUpload[]) => Promise<boolean>;
  readonly #controls = new Map<string, LabelledControl>();
  readonly #category: HTMLSelectElement;
  readonly #description: HTMLTextAreaElement;
  readonly #counter: HTMLSpanElement;
  readonly #fields: HTMLDivElement;
  readonly #picker: AttachmentPicker;
  readonly #submit: HTMLButtonElement;
  readonly #summary: HTMLParagraphElement;
  #categories: TicketCategory[] = [];
  #working = false;

  constructor(text: TicketCatalogue, onSubmit: (form: ValidTicketForm, attachments: TicketAttachmentUpload[]) => Promise<boolean>) {
    this.#text = text;
    this.#onSubmit = onSubmit;

    this.#category = createElement('select', { 'data-testid': 'zhida-ticket-category' });
    const category = this.#labelled('categoryId', text.categoryLabel, true, this.#category);
    this.#description = createElement('textarea', {
      rows: '4',
      maxlength: String(MAX_DESCRIPTION_LENGTH),
      placeholder: text.descriptionPlaceholder,
      'data-testid': 'zhida-ticket-description',
    });
    this.#counter = createElement('span', { class: 'zd-counter', 'aria-live': 'off' }, text.counter(0, MAX_DESCRIPTION_LENGTH));
    const description = this.#labelled('description', text.descriptionLabel, true, this.#description);
    description.wrapper.insertBefore(this.#counter, description.error);
    this.#fields = createElement('div', { class: 'zd-extra-fields' });

    const contact = createElement(
      'fieldset',
      { class: 'zd-fieldset' },
      createElement('legend', { class: 'zd-label' }, text.contactHeading, createElement('span', { class: 'zd-muted' }, text.optional)),
      this.#labelled('contact.name', text.contactName, false, createElement('input', { type: 'text', autocomplete: 'name', maxlength: '50', 'data-testid': 'zhida-ticket-name' })).wrapper,
      this.#labelled('contact.phone', text.contactPhone, false, createElement('input', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: '20', 'data-testid': 'zhida-ticket-phone' })).wrapper,
      this.#labelled('contact.email', text.contactEmail, false, createElement('input', { type: 'email', autocomplete: 'email', maxlength: '100', 'data-testid': 'zhida-ticket-email' })).wrapper,
    );

    this.#picker = new AttachmentPicker(text, 'zd-new-files');
    this.#summary = createElement('p', { class: 'zd-field-error', role: 'alert', hidden: true });
    this.#submit = createElement('button', { type: 'submit', class: 'zd-button zd-button-primary', 'data-testid': 'zhida-ticket-submit' }, text.submit);

    this.element = createElement(
      'form',
      { class: 'zd-form', novalidate: true, 'data-testid': 'zhida-ticket-form' },
      category.wrapper,
      description.wrapper,
      this.#fields,
      contact,
      this.#picker.element,
      this.#summary,
      this.#submit,
    );

    this.#category.addEventListener('change', () => this.#renderFields());
    this.#description.addEventListener('input', () => {
      this.#counter.textContent = text.counter(this.#description.value.length, MAX_DESCRIPTION_LENGTH);
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send();
    });
  }

  /** The server's categories; the visitor's choice is kept if it is still offered. */
  setCategories(categories: TicketCategory[]): void {
    if (categories === this.#categories) return;
    this.#categories = categories;
    const chosen = this.#category.value;
    this.#category.replaceChildren(
      createElement('option', { value: '' }, this.#text.categoryPlaceholder),
      ...categories.map((c) => createElement('option', { value: c.id }, c.name)),
    );
    this.#category.value = categories.some((c) => c.id === chosen) ? chosen : '';
    this.#renderFields();
  }

  setWorking(working: boolean): void {
    this.#working = working;
    this.#submit.disabled = working;
    this.#submit.textContent = working ? this.#text.submitting : this.#text.submit;
    this.#picker.setDisabled(working);
  }

  /** Puts the cursor in the first input (keyboard users land in the form). */
  focus(): void {
    this.#category.focus();
  }

  async #send(): Promise<void> {
    if (this.#working) return;
    const category = this.#categories.find((c) => c.id === this.#category.value);
    const result = validateTicketForm(this.#input(), category);
    for (const [key, entry] of this.#controls) this.#showProblem(entry, result.ok ? null : (result.problems[key] ?? null));
    if (!result.ok) {
      this.#summary.hidden = false;
      this.#summary.textContent = this.#text.fixTheForm;
      // The first problem on screen, top to bottom, whatever order the checks ran in.
      this.element.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.#summary.hidden = true;
    this.setWorking(true);
    let sent = false;
    try {
      sent = await this.#onSubmit(result.value, await this.#picker.uploads());
    } finally {
      // The controller's state drives the button too; this covers a file that could not be read.
      this.setWorking(false);
    }
    if (sent) this.#reset();
  }

  #input(): TicketFormInput {
    const value = (key: string) => this.#controls.get(key)?.control.value ?? '';
    const fields: Record<string, string> = {};
    for (const key of this.#controls.keys()) if (key.startsWith('fields.')) fields[key.slice('fields.'.length)] = value(key);
    return {
      categoryId: this.#category.value,
      description: this.#description.value,
      contact: { name: value('contact.name'), phone: value('contact.phone'), email: value('contact.email') },
      fields,
    };
  }

  #reset(): void {
    this.element.reset();
    this.#counter.textContent = this.#text.counter(0, MAX_DESCRIPTION_LENGTH);
    this.#picker.reset();
    this.#renderFields();
  }

  /** The chosen category's own fields; a field the visitor already filled keeps its value across a switch. */
  #renderFields(): void {
    const previous = new Map([...this.#controls].filter(([key]) => key.startsWith('fields.')).map(([key, entry]) => [key, entry.control.value]));
    for (const key of previous.keys()) this.#controls.delete(key);
    const category = this.#categories.find((c) => c.id === this.#category.value);
    this.#fields.replaceChildren(
      ...(category?.fields ?? []).map((field) => {
        const key = `fields.${field.key}`;
        const entry = this.#labelled(key, field.label, field.required, fieldControl(field, this.#text));
        entry.control.value = previous.get(key) ?? entry.control.value;
        return entry.wrapper;
      }),
    );
  }

  #labelled(key: string, label: string, required: boolean, control: Control): LabelledControl {
    const id = `zd-ticket-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
    const error = createElement('p', { class: 'zd-field-error', id: `${id}-error`, hidden: true });
    control.id = id;
    control.setAttribute('aria-describedby', error.id);
    if (required) control.setAttribute('aria-required', 'true');
    const wrapper = createElement(
      'div',
      { class: 'zd-field' },
      createElement('label', { class: 'zd-label', for: id }, label, required && createElement('span', { class: 'zd-required' }, this.#text.required)),
      control,
      error,
    );
    const entry = { wrapper, control, error };
    this.#controls.set(key, entry);
    control.addEventListener('input', () => this.#showProblem(entry, null));
    return entry;
  }

  #showProblem(entry: LabelledControl, problem: keyof TicketCatalogue['problems'] | null): void {
    entry.error.hidden = problem === null;
    entry.error.textContent = problem === null ? '' : this.#text.problems[problem];
    if (problem === null) entry.control.removeAttribute('aria-invalid');
    else entry.control.setAttribute('aria-invalid', 'true');
  }
}

function fieldControl(field: TicketField, text: TicketCatalogue): Control {
  const testid = `zhida-ticket-field-${field.key}`;
  switch (field.type) {
    case 'select':
      return createElement(
        'select',
        { 'data-testid': testid },
        createElement('option', { value: '' }, text.selectPlaceholder),
        ...(field.options ?? []).map((option) => createElement('option', { value: option }, option)),
      );
    case 'date':
      return createElement('input', { type: 'date', 'data-testid': testid });
    case 'phone':
      return createElement('input', { type: 'tel', inputmode: 'tel', maxlength: '20', 'data-testid': testid });
    case 'number':
      return createElement('input', { type: 'text', inputmode: 'decimal', maxlength: '20', 'data-testid': testid });
    case 'order_number':
      return createElement('input', { type: 'text', autocapitalize: 'characters', spellcheck: 'false', maxlength: '40', 'data-testid': testid });
    default:
      return createElement('input', { type: 'text', maxlength: '200', 'data-testid': testid });
  }
}
