import { createElement } from './create-element.js';
import type { RecommendationState } from './recommendation-controller.js';

/** The 猜你想办 row above the composer: a title and one chip per service, hidden when there is none. */
export class RecommendationView {
  readonly element: HTMLDivElement;
  readonly #chips: HTMLDivElement;

  constructor(private readonly options: { title: string; choose: (itemId: string) => void }) {
    this.#chips = createElement('div', { class: 'zd-recs-chips' });
    this.element = createElement(
      'div',
      { class: 'zd-recs', role: 'group', 'aria-label': options.title, hidden: true, 'data-testid': 'zhida-recommendations' },
      createElement('span', { class: 'zd-recs-title' }, options.title),
      this.#chips,
    );
  }

  render(state: RecommendationState): void {
    this.element.hidden = state.items.length === 0;
    this.#chips.replaceChildren(
      ...state.items.map((item) => {
        const chip = createElement('button', { type: 'button', class: 'zd-rec', title: item.reason, 'data-testid': 'zhida-recommendation', 'data-intent': item.id }, item.label);
        chip.addEventListener('click', () => this.options.choose(item.id));
        return chip;
      }),
    );
  }
}
