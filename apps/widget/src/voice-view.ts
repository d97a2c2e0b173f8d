import { createElement } from './create-element.js';
import { createIcon } from './widget-icons.js';
import type { HoldToTalkState } from './hold-to-talk-controller.js';
import type { VoiceCatalogue } from './voice-messages.js';

export interface VoiceViewActions {
  press(): void;
  release(): void;
  cancel(): void;
  toggleSound(): void;
}

/**
 * The 按住说话 button (for the composer), the 🔊 switch (for the header), the line that says why a recording was not
 * sent, and the `<audio>` element replies play through. Pointer down records, up sends, leaving the button cancels;
 * Space or Enter held on the focused button does the same for keyboards.
 */
export class VoiceView {
  readonly talk: HTMLButtonElement;
  readonly sound: HTMLButtonElement;
  readonly status: HTMLParagraphElement;
  readonly audio: HTMLAudioElement;
  readonly #text: VoiceCatalogue;

  constructor(text: VoiceCatalogue, actions: VoiceViewActions) {
    this.#text = text;
    this.talk = createElement('button', { type: 'button', class: 'zd-talk', 'data-testid': 'zhida-talk', 'data-phase': 'idle' }, text.holdToTalk);
    this.sound = createElement('button', { type: 'button', class: 'zd-sound', 'data-testid': 'zhida-sound', 'aria-pressed': 'false', 'aria-label': text.readAloud, title: text.readAloud }, createIcon('speakerOff'));
    this.status = createElement('p', { class: 'zd-voice-status', role: 'status', 'data-testid': 'zhida-voice-status', hidden: true });
    this.audio = createElement('audio', { 'data-testid': 'zhida-speech', preload: 'auto', hidden: true });

    this.talk.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      // No focus ring flash, no text selection, no long-press menu on phones.
      event.preventDefault();
      // Touch input captures the pointer to the button implicitly, which would hide sliding off it (the cancel).
      if (this.talk.hasPointerCapture(event.pointerId)) this.talk.releasePointerCapture(event.pointerId);
      actions.press();
    });
    this.talk.addEventListener('pointerup', () => actions.release());
    this.talk.addEventListener('pointerleave', () => actions.cancel());
    this.talk.addEventListener('pointercancel', () => actions.cancel());
    this.talk.addEventListener('contextmenu', (event) => event.preventDefault());
    this.talk.addEventListener('keydown', (event) => {
      if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
        event.preventDefault();
        actions.press();
      }
    });
    this.talk.addEventListener('keyup', (event) => {
      if (event.key === ' ' || event.key === 'Enter') actions.release();
    });
    this.talk.addEventListener('blur', () => actions.cancel());
    this.sound.addEventListener('click', () => actions.toggleSound());
  }

  render(state: HoldToTalkState): void {
    this.talk.dataset.phase = state.phase;
    this.talk.textContent = state.phase === 'recording' ? this.#text.releaseToSend : state.phase === 'sending' ? this.#text.recognising : this.#text.holdToTalk;
    this.talk.disabled = state.phase === 'sending';
    this.status.hidden = state.notice === null;
    this.status.textContent = state.notice === null ? '' : this.#text.notices[state.notice];
  }

  renderSound(enabled: boolean): void {
    this.sound.setAttribute('aria-pressed', String(enabled));
    this.sound.replaceChildren(createIcon(enabled ? 'speaker' : 'speakerOff'));
  }
}
