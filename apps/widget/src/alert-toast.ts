import { createElement } from './create-element.js';

/**
 * A message that must be seen even with the chat closed (the video call could not be loaded): a box where the call
 * overlay would have been, in its own shadow root, gone when clicked.
 */
export function showAlertToast(text: string): void {
  const host = document.createElement('div');
  const box = createElement('div', { role: 'alert', 'data-testid': 'zhida-alert' }, text);
  box.style.cssText =
    'position:fixed;right:24px;bottom:96px;z-index:2147483001;max-width:calc(100vw - 32px);background:#111827;color:#f9fafb;border-radius:12px;padding:12px;font:14px/1.5 system-ui,sans-serif;cursor:pointer';
  box.addEventListener('click', () => host.remove());
  host.attachShadow({ mode: 'open' }).append(box);
  document.body.append(host);
}
