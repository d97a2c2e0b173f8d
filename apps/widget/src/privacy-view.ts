import { createElement } from './create-element.js';
import { formatMessageTime } from './format-message-time.js';
import { CONSENT_SCOPES, type ConsentScope } from './privacy-api-client.js';
import type { PrivacyState } from './privacy-controller.js';
import type { PrivacyCatalogue } from './privacy-messages.js';
import type { Locale } from './messages.js';

export interface PrivacyViewActions {
  accept(): void;
  retry(): void;
  toggleMenu(): void;
  withdraw(scope: ConsentScope): void;
}

// Carried by the element itself: a <style> anywhere in the shadow root styles the whole tree.
const styles = `
.zd-privacy { margin: 8px 12px 0; }
.zd-privacy-card { padding: 12px; border-radius: 12px; background: #fff; border: 1px solid var(--zd-border); box-shadow: 0 2px 8px rgba(0,0,0,.06); font-size: 13px; line-height: 1.6; }
.zd-privacy-card h3 { margin: 0 0 6px; font-size: 14px; }
.zd-privacy-text { margin: 0 0 8px; white-space: pre-wrap; max-height: 180px; overflow: auto; color: var(--zd-text); }
.zd-privacy-card a { color: var(--zd-primary); }
.zd-privacy-row { display: flex; gap: 8px; align-items: center; justify-content: space-between; padding: 6px 0; border-top: 1px solid var(--zd-border); }
.zd-privacy-row:first-of-type { border-top: 0; }
.zd-privacy-state { font-size: 12px; color: var(--zd-muted); }
.zd-privacy-hint { margin: 6px 0 0; font-size: 12px; color: var(--zd-muted); }
.zd-privacy-error { margin: 6px 0 0; font-size: 12px; color: var(--zd-danger); }
.zd-privacy-accept { width: 100%; border: 0; border-radius: 10px; padding: 9px 12px; background: var(--zd-primary); color: #fff; font-size: 14px; cursor: pointer; }
.zd-privacy-accept:disabled { opacity: .6; cursor: default; }
.zd-privacy-small { border: 1px solid var(--zd-border); background: #fff; color: var(--zd-danger); border-radius: 8px; padding: 2px 10px; cursor: pointer; font-size: 12px; }
.zd-privacy-small:disabled { opacity: .6; cursor: default; }
.zd-privacy-menu { flex: none; border: 1px solid rgba(255,255,255,.5); background: transparent; color: #fff; border-radius: 8px; padding: 4px 8px; font-size: 12px; cursor: pointer; }
.zd-privacy-menu:hover { background: rgba(255,255,255,.16); }
.zd-privacy-head { display: flex; align-items: center; justify-content: space-between; }
.zd-privacy-head button { border: 0; background: none; color: var(--zd-muted); cursor: pointer; font-size: 16px; }
`;

/**
 * The privacy notice banner (before the first message, until 同意并继续) and the 隐私设置 panel with
 * 撤回 per consent; plus the header button that opens the panel. Renders PrivacyController state only.
 */
export class PrivacyView {
  /** Goes above the composer. */
  readonly element: HTMLElement;
  /** Goes in the chat header. */
  readonly menuButton: HTMLButtonElement;
  readonly #text: PrivacyCatalogue;
  readonly #locale: Locale;
  readonly #actions: PrivacyViewActions;
  readonly #banner: HTMLElement;
  readonly #bannerText: HTMLParagraphElement;
  readonly #bannerLink: HTMLAnchorElement;
  readonly #accept: HTMLButtonElement;
  readonly #bannerError: HTMLParagraphElement;
  readonly #failed: HTMLElement;
  readonly #menu: HTMLElement;
  readonly #rows: HTMLElement;
  readonly #menuError: HTMLParagraphElement;
  readonly #bannerOnly: boolean;

  /**
   * `testId` names the element and prefixes its parts' test ids (default `zhida-privacy`); `bannerOnly`
   * draws just the notice and 同意并继续, for a form that collects personal information (提交工单, 留言)
   * and must show the notice where the visitor is, since the chat's banner is not on screen there.
   */
  constructor(options: { locale: Locale; text: PrivacyCatalogue; actions: PrivacyViewActions; testId?: string; bannerOnly?: boolean }) {
    const { text, actions } = options;
    const id = options.testId ?? 'zhida-privacy';
    this.#bannerOnly = options.bannerOnly ?? false;
    this.#text = text;
    this.#locale = options.locale;
    this.#actions = actions;
    this.menuButton = createElement('button', { type: 'button', class: 'zd-privacy-menu', 'data-testid': `${id}-menu`, 'aria-expanded': 'false' }, text.menu);
    this.menuButton.addEventListener('click', () => actions.toggleMenu());

    this.#bannerText = createElement('p', { class: 'zd-privacy-text', 'data-testid': `${id}-notice-text` });
    this.#bannerLink = createElement('a', { target: '_blank', rel: 'noopener noreferrer', 'data-testid': `${id}-notice-link` }, text.readPolicy);
    this.#accept = createElement('button', { type: 'button', class: 'zd-privacy-accept', 'data-testid': `${id}-accept` }, text.accept);
    this.#accept.addEventListener('click', () => actions.accept());
    this.#bannerError = createElement('p', { class: 'zd-privacy-error', role: 'alert', hidden: true }, text.saveFailed);
    this.#banner = createElement(
      'section',
      { class: 'zd-privacy-card', 'data-testid': `${id}-notice`, 'aria-labelledby': `zd-${id}-title`, hidden: true },
      createElement('h3', { id: `zd-${id}-title` }, text.noticeTitle),
      this.#bannerText,
      createElement('p', { class: 'zd-privacy-hint' }, this.#bannerLink),
      this.#accept,
      this.#bannerError,
    );

    const retry = createElement('button', { type: 'button', class: 'zd-privacy-small' }, text.tryAgain);
    retry.addEventListener('click', () => actions.retry());
    this.#failed = createElement('div', { class: 'zd-privacy-card', role: 'alert', hidden: true, 'data-testid': `${id}-failed` }, createElement('p', { class: 'zd-privacy-text' }, text.loadFailed), retry);

    const close = createElement('button', { type: 'button', 'aria-label': text.closeMenu }, '×');
    close.addEventListener('click', () => actions.toggleMenu());
    this.#rows = createElement('div');
    this.#menuError = createElement('p', { class: 'zd-privacy-error', role: 'alert', hidden: true }, text.saveFailed);
    this.#menu = createElement(
      'section',
      { class: 'zd-privacy-card', 'data-testid': `${id}-settings`, 'aria-label': text.menuTitle, hidden: true },
      createElement('div', { class: 'zd-privacy-head' }, createElement('h3', {}, text.menuTitle), close),
      this.#rows,
      createElement('p', { class: 'zd-privacy-hint' }, text.menuHint),
      this.#menuError,
    );
    this.element = createElement('div', { class: 'zd-privacy', 'data-testid': id, 'data-state': 'loading' }, createElement('style', {}, styles), this.#failed, this.#banner, this.#menu);
  }

  render(state: PrivacyState): void {
    const { notice } = state;
    this.#failed.hidden = state.phase !== 'failed';
    this.#banner.hidden = state.phase !== 'ready' || state.accepted || state.awaitingSession || notice === null;
    // For tests and host pages' own scripts: whether the visitor is being asked, or has answered.
    this.element.dataset.state = state.accepted ? 'accepted' : !this.#banner.hidden ? 'asking' : state.phase === 'failed' ? 'failed' : 'loading';
    if (notice) {
      this.#bannerText.textContent = notice.text;
      this.#bannerLink.hidden = notice.url === null;
      if (notice.url) this.#bannerLink.href = notice.url;
    }
    this.#accept.disabled = state.saving;
    this.#bannerError.hidden = !state.saveFailed || (state.menuOpen && !this.#bannerOnly);

    this.menuButton.setAttribute('aria-expanded', String(state.menuOpen));
    this.#menu.hidden = this.#bannerOnly || !state.menuOpen;
    this.#menuError.hidden = !state.saveFailed || !state.menuOpen;
    if (this.#bannerOnly) return;
    this.#rows.replaceChildren(...CONSENT_SCOPES.map((scope) => this.#row(scope, state)));
  }

  #row(scope: ConsentScope, state: PrivacyState): HTMLElement {
    const consent = state.consents[scope];
    const at = consent ? formatMessageTime(consent.at, this.#locale) : '';
    const status = !consent ? this.#text.notGiven : consent.granted ? this.#text.granted(consent.noticeVersion, at) : this.#text.withdrawn(at);
    const row = createElement(
      'div',
      { class: 'zd-privacy-row', 'data-testid': `zhida-privacy-consent-${scope}`, 'data-granted': String(consent?.granted ?? false) },
      createElement('span', {}, createElement('strong', {}, this.#text.scope[scope]), createElement('br'), createElement('span', { class: 'zd-privacy-state' }, status)),
    );
    if (consent?.granted) {
      const withdraw = createElement('button', { type: 'button', class: 'zd-privacy-small', 'data-testid': `zhida-privacy-withdraw-${scope}`, disabled: state.saving }, this.#text.withdraw);
      withdraw.addEventListener('click', () => this.#actions.withdraw(scope));
      row.append(withdraw);
    }
    return row;
  }
}
