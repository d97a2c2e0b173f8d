import { blobToBase64 } from './blob-to-base64.js';
import { createElement } from './create-element.js';
import type { TicketAttachmentUpload } from './customer-ticket-schema.js';
import { checkAttachment, MAX_ATTACHMENTS } from './ticket-form-validation.js';
import type { TicketCatalogue } from './ticket-messages.js';

interface Chosen {
  file: File;
  contentType: string;
  /** Object URL of an image's thumbnail, revoked when the file is removed. */
  previewUrl: string | null;
}

/** What the file input accepts; the same list `checkAttachment` enforces, since `accept` is only a hint. */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,.png,.jpg,.jpeg,.gif,.webp,.pdf';

/**
 * Up to three image/PDF files for a ticket: checked for type and size as they are chosen (with a
 * Chinese message naming the file), thumbnails for images, a remove button each.
 */
export class AttachmentPicker {
  readonly element: HTMLDivElement;
  readonly #text: TicketCatalogue;
  readonly #input: HTMLInputElement;
  readonly #add: HTMLButtonElement;
  readonly #list: HTMLUListElement;
  readonly #problem: HTMLParagraphElement;
  #chosen: Chosen[] = [];

  constructor(text: TicketCatalogue, idPrefix: string) {
    this.#text = text;
    const hintId = `${idPrefix}-hint`;
    this.#input = createElement('input', { type: 'file', accept: ACCEPT, multiple: true, class: 'zd-sr-only', tabindex: '-1', 'aria-hidden': 'true', 'data-testid': 'zhida-ticket-file' });
    this.#add = createElement('button', { type: 'button', class: 'zd-button zd-button-ghost', 'aria-describedby': hintId }, text.addAttachment);
    this.#list = createElement('ul', { class: 'zd-files', 'aria-label': text.attachmentsLabel });
    this.#problem = createElement('p', { class: 'zd-field-error', role: 'alert', hidden: true, 'data-testid': 'zhida-ticket-file-error' });
    this.element = createElement(
      'div',
      { class: 'zd-field' },
      createElement('span', { class: 'zd-label' }, text.attachmentsLabel, createElement('span', { class: 'zd-muted' }, text.optional)),
      createElement('p', { class: 'zd-hint', id: hintId }, text.attachmentsHint),
      this.#list,
      this.#add,
      this.#input,
      this.#problem,
    );
    this.#add.addEventListener('click', () => this.#input.click());
    this.#input.addEventListener('change', () => {
      this.#take([...(this.#input.files ?? [])]);
      // Choosing the same file again after removing it must fire `change` again.
      this.#input.value = '';
    });
  }

  get count(): number {
    return this.#chosen.length;
  }

  /** The chosen files, base64-encoded for the JSON body. */
  uploads(): Promise<TicketAttachmentUpload[]> {
    return Promise.all(this.#chosen.map(async (c) => ({ filename: c.file.name, contentType: c.contentType, dataBase64: await blobToBase64(c.file) })));
  }

  reset(): void {
    for (const c of this.#chosen) if (c.previewUrl) URL.revokeObjectURL(c.previewUrl);
    this.#chosen = [];
    this.#showProblem(null);
    this.#render();
  }

  setDisabled(disabled: boolean): void {
    this.#add.disabled = disabled || this.#chosen.length >= MAX_ATTACHMENTS;
    for (const button of this.#list.querySelectorAll('button')) button.disabled = disabled;
  }

  #take(files: File[]): void {
    let problem: string | null = null;
    for (const file of files) {
      const checked = checkAttachment(file, this.#chosen.length);
      if (!checked.ok) {
        problem = this.#text.attachmentProblem(checked.problem, file.name);
        if (checked.problem === 'too_many') break;
        continue;
      }
      this.#chosen.push({ file, contentType: checked.contentType, previewUrl: checked.contentType.startsWith('image/') ? URL.createObjectURL(file) : null });
    }
    this.#showProblem(problem);
    this.#render();
  }

  #remove(index: number): void {
    const [removed] = this.#chosen.splice(index, 1);
    if (removed?.previewUrl) URL.revokeObjectURL(removed.previewUrl);
    this.#showProblem(null);
    this.#render();
    this.#add.focus();
  }

  #showProblem(problem: string | null): void {
    this.#problem.hidden = problem === null;
    this.#problem.textContent = problem ?? '';
  }

  #render(): void {
    this.#list.replaceChildren(
      ...this.#chosen.map((c, index) => {
        const remove = createElement('button', { type: 'button', class: 'zd-file-remove', 'aria-label': this.#text.removeAttachment(c.file.name) }, '×');
        remove.addEventListener('click', () => this.#remove(index));
        const preview = c.previewUrl
          ? createElement('img', { class: 'zd-thumb', src: c.previewUrl, alt: '' })
          : createElement('span', { class: 'zd-thumb zd-thumb-pdf', 'aria-hidden': 'true' }, this.#text.pdfBadge);
        return createElement(
          'li',
          { class: 'zd-file', 'data-testid': 'zhida-ticket-attachment' },
          preview,
          createElement('span', { class: 'zd-file-name' }, c.file.name),
          createElement('span', { class: 'zd-muted' }, formatSize(c.file.size)),
          remove,
        );
      }),
    );
    this.#list.hidden = this.#chosen.length === 0;
    this.#add.disabled = this.#chosen.length >= MAX_ATTACHMENTS;
  }
}

/** "1.2 MB" / "350 KB": enough to see which file is the big one. */
function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
