import { createElement } from './create-element.js';
import { formatCallClock, type CallCatalogue } from './call-messages.js';
import type { VisitorCallState } from './visitor-call.js';

export interface CallViewActions {
  accept(recordingConsent: boolean): void;
  decline(): void;
  hangUp(): void;
  toggleMute(): void;
  toggleCamera(): void;
  toggleShare(): void;
}

const STYLES = `
.zd-call{position:fixed;right:24px;bottom:96px;z-index:2147483001;width:340px;max-width:calc(100vw - 32px);background:#111827;color:#f9fafb;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.35);font:14px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;padding:12px}
.zd-call[hidden]{display:none}
.zd-call-title{font-weight:600;margin-bottom:8px}
.zd-call-stage{position:relative;background:#000;border-radius:8px;overflow:hidden;aspect-ratio:4/3}
.zd-call-remote{width:100%;height:100%;object-fit:contain;background:#000}
.zd-call-local{position:absolute;right:8px;bottom:8px;width:30%;border-radius:6px;border:1px solid #374151;background:#1f2937}
.zd-call-status{margin:8px 0;color:#d1d5db}
.zd-call-notice{margin:8px 0;color:#fbbf24}
.zd-call-row{display:flex;flex-wrap:wrap;gap:6px}
.zd-call button{border:0;border-radius:6px;padding:6px 10px;cursor:pointer;background:#374151;color:#f9fafb;font:inherit}
.zd-call .zd-call-accept{background:#16a34a}.zd-call .zd-call-decline,.zd-call .zd-call-hangup{background:#dc2626}
.zd-call label{display:block;margin:6px 0;color:#d1d5db;font-size:13px}
`;

/**
 * The call overlay: the incoming prompt (接听 / 拒绝, and the recording consent when the tenant
 * records), then remote and local video with mute, camera, 共享屏幕 and 挂断. Its own shadow root,
 * so the host page's styles cannot reach it.
 */
export class CallView {
  readonly host = document.createElement('div');
  readonly #root: HTMLDivElement;
  readonly #remote: HTMLVideoElement;
  readonly #local: HTMLVideoElement;
  #timer: ReturnType<typeof setInterval> | null = null;
  #last: VisitorCallState | null = null;

  constructor(
    private readonly text: CallCatalogue,
    private readonly actions: CallViewActions,
  ) {
    const shadow = this.host.attachShadow({ mode: 'open' });
    shadow.append(createElement('style', {}, STYLES));
    this.#root = createElement('div', { class: 'zd-call', role: 'dialog', hidden: true });
    this.#remote = createElement('video', { class: 'zd-call-remote', autoplay: true, playsinline: true });
    this.#local = createElement('video', { class: 'zd-call-local', autoplay: true, playsinline: true });
    this.#local.muted = true;
    shadow.append(this.#root);
  }

  render(state: VisitorCallState): void {
    this.#last = state;
    const t = this.text;
    this.#root.hidden = state.phase === 'idle';
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const notice = state.notice ? createElement('div', { class: 'zd-call-notice', role: 'status' }, t[state.notice]) : null;
    if (state.phase === 'incoming' && state.call) {
      const consent = createElement('input', { type: 'checkbox', class: 'zd-call-consent' });
      this.#root.replaceChildren(
        createElement('div', { class: 'zd-call-title' }, t.incoming(state.call.kind)),
        ...(state.recordingEnabled ? [createElement('label', {}, consent, ' ', t.recordingConsent)] : []),
        createElement('div', { class: 'zd-call-row' }, button('zd-call-accept', t.accept, () => this.actions.accept(consent.checked)), button('zd-call-decline', t.decline, () => this.actions.decline())),
      );
      return;
    }
    if (state.phase === 'ended' && state.call) {
      const s = state.call.state === 'ringing' || state.call.state === 'connected' ? 'ended' : state.call.state;
      const duration = state.call.durationSeconds !== null ? formatCallClock(state.call.durationSeconds) : null;
      this.#root.replaceChildren(notice ?? createElement('div', { class: 'zd-call-status', role: 'status' }, t.ended(s, duration)));
      return;
    }
    if (this.#remote.srcObject !== state.remoteStream) this.#remote.srcObject = state.remoteStream;
    if (this.#local.srcObject !== state.localStream) this.#local.srcObject = state.localStream;
    const status = createElement('div', { class: 'zd-call-status', role: 'status' }, this.#statusText(state));
    this.#root.replaceChildren(
      createElement('div', { class: 'zd-call-stage' }, this.#remote, state.mode === 'video' ? this.#local : null),
      status,
      ...(notice ? [notice] : []),
      ...(state.remoteSharing ? [createElement('div', { class: 'zd-call-status' }, t.remoteSharing)] : []),
      createElement(
        'div',
        { class: 'zd-call-row' },
        button('zd-call-mute', state.muted ? t.unmute : t.mute, () => this.actions.toggleMute()),
        state.mode === 'video' ? button('zd-call-camera', state.cameraOff ? t.cameraOn : t.cameraOff, () => this.actions.toggleCamera()) : null,
        button('zd-call-share', state.sharing ? t.stopShare : t.shareScreen, () => this.actions.toggleShare()),
        button('zd-call-hangup', t.hangUp, () => this.actions.hangUp()),
      ),
    );
    if (state.phase === 'connected') this.#timer = setInterval(() => (status.textContent = this.#last ? this.#statusText(this.#last) : ''), 1000);
  }

  #statusText(state: VisitorCallState): string {
    if (state.phase === 'reconnecting') return this.text.reconnecting;
    if (state.phase !== 'connected' || state.connectedAt === null) return this.text.connecting;
    return `${this.text.connected} ${formatCallClock(Math.floor((Date.now() - state.connectedAt) / 1000))}`;
  }
}

function button(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = createElement('button', { type: 'button', class: className }, label);
  b.addEventListener('click', onClick);
  return b;
}
