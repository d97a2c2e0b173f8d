import type { SearchHit } from '@zhida/client/search-api-client';
import { createElement } from './create-element.js';
import type { SearchState } from './search-controller.js';
import type { SearchCatalogue } from './search-messages.js';

export interface SearchViewActions {
  search: (query: string) => void;
  open: (hit: SearchHit) => void;
  back: () => void;
  clear: () => void;
}

// Its own rules, kept beside the markup they style (the shadow root applies a <style> wherever it sits).
const STYLES = `
.zd-search { padding: 8px 14px 0; display: flex; flex-direction: column; gap: 6px; }
.zd-search[data-screen=other] { display: none; }
.zd-search-form { display: flex; gap: 6px; }
.zd-search-input { flex: 1; min-width: 0; border: 1px solid var(--zd-border); border-radius: 999px; padding: 6px 12px; font: inherit; font-size: 13px; background: #fff; color: var(--zd-text); }
.zd-search-submit, .zd-search-link { border: 1px solid #b7d3ff; background: #f5f9ff; color: var(--zd-primary); border-radius: 999px; padding: 4px 12px; cursor: pointer; font-size: 13px; }
.zd-search-body { max-height: 220px; overflow-y: auto; display: flex; flex-direction: column; gap: 6px; }
.zd-search-body[hidden] { display: none; }
.zd-search-status { font-size: 12px; color: var(--zd-muted); margin: 0; }
.zd-search-hits { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.zd-search-hit { width: 100%; text-align: left; border: 1px solid var(--zd-border); background: #fff; border-radius: 8px; padding: 6px 10px; cursor: pointer; font: inherit; color: var(--zd-text); }
.zd-search-hit:hover { border-color: #b7d3ff; }
.zd-search-hit-title { display: block; font-size: 13px; font-weight: 600; }
.zd-search-hit-snippet { display: block; font-size: 12px; color: var(--zd-muted); }
.zd-search-type { font-size: 11px; color: var(--zd-primary); margin-right: 6px; font-weight: 400; }
.zd-search-answer { background: #fff; border: 1px solid var(--zd-border); border-radius: 8px; padding: 8px 10px; font-size: 13px; white-space: pre-wrap; }
.zd-search-answer h3 { margin: 0 0 4px; font-size: 14px; }
.zd-search-actions { display: flex; gap: 6px; }
`;

/**
 * The search box at the top of the chat: a form, then the hits (type, title, snippet), "nothing
 * found", or one opened answer with 返回结果. All text goes in as text nodes, never markup.
 */
export class SearchView {
  readonly element: HTMLDivElement;
  readonly #input: HTMLInputElement;
  readonly #body: HTMLDivElement;

  constructor(
    private readonly text: SearchCatalogue,
    private readonly actions: SearchViewActions,
  ) {
    this.#input = createElement('input', { type: 'search', class: 'zd-search-input', maxlength: '200', 'aria-label': text.label, placeholder: text.placeholder, enterkeyhint: 'search', 'data-testid': 'zhida-search-input' });
    const form = createElement('form', { class: 'zd-search-form', role: 'search' }, this.#input, createElement('button', { type: 'submit', class: 'zd-search-submit', 'data-testid': 'zhida-search-submit' }, text.submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      actions.search(this.#input.value);
    });
    this.#body = createElement('div', { class: 'zd-search-body', 'aria-live': 'polite', hidden: true, 'data-testid': 'zhida-search-results' });
    this.element = createElement('div', { class: 'zd-search', 'data-testid': 'zhida-search' }, createElement('style', {}, STYLES), form, this.#body);
  }

  render(state: SearchState): void {
    this.#body.hidden = state.phase === 'idle';
    this.element.dataset.phase = state.phase;
    const t = this.text;
    const status = (line: string) => createElement('p', { class: 'zd-search-status', 'data-testid': 'zhida-search-status' }, line);
    const close = createElement('button', { type: 'button', class: 'zd-search-link', 'data-testid': 'zhida-search-close' }, t.close);
    close.addEventListener('click', () => {
      this.#input.value = '';
      this.actions.clear();
    });
    switch (state.phase) {
      case 'idle':
        this.#body.replaceChildren();
        return;
      case 'searching':
        this.#body.replaceChildren(status(t.searching));
        return;
      case 'none':
        this.#body.replaceChildren(status(t.none(state.query)), createElement('div', { class: 'zd-search-actions' }, close));
        return;
      case 'failed':
        this.#body.replaceChildren(status(t.failed), createElement('div', { class: 'zd-search-actions' }, close));
        return;
      case 'results': {
        const hits = state.hits.map((hit) => {
          const button = createElement(
            'button',
            { type: 'button', class: 'zd-search-hit', 'data-testid': 'zhida-search-hit', 'data-type': hit.type, 'data-id': hit.id },
            createElement('span', { class: 'zd-search-hit-title' }, createElement('span', { class: 'zd-search-type' }, t.types[hit.type]), hit.title),
            hit.snippet ? createElement('span', { class: 'zd-search-hit-snippet' }, hit.snippet) : null,
          );
          button.addEventListener('click', () => this.actions.open(hit));
          return createElement('li', {}, button);
        });
        this.#body.replaceChildren(status(t.results(state.hits.length)), createElement('ul', { class: 'zd-search-hits' }, ...hits), createElement('div', { class: 'zd-search-actions' }, close));
        return;
      }
      case 'answer': {
        const back = createElement('button', { type: 'button', class: 'zd-search-link', 'data-testid': 'zhida-search-back' }, t.back);
        back.addEventListener('click', () => this.actions.back());
        this.#body.replaceChildren(
          createElement('article', { class: 'zd-search-answer', 'data-testid': 'zhida-search-answer' }, createElement('h3', {}, createElement('span', { class: 'zd-search-type' }, t.types[state.answer.type]), state.answer.title), state.answer.body),
          createElement('div', { class: 'zd-search-actions' }, back, close),
        );
        return;
      }
    }
  }
}
