import type { Socket } from 'socket.io-client';
import { AudioElementPlayer } from './audio-element-player.js';
import type { Call, CallApiClient } from './call-api-client.js';
import { getCallCatalogue } from './call-messages.js';
import { CallView } from './call-view.js';
import { HoldToTalkController, type HoldToTalkDeps } from './hold-to-talk-controller.js';
import type { Locale } from './messages.js';
import { MicrophoneRecorder } from './microphone-recorder.js';
import type { AudioPlayer } from './speech-playback-controller.js';
import { VisitorCall } from './visitor-call.js';
export { TicketFormElement } from './ticket-form-element.js';
export { TicketPageElement } from './ticket-page-element.js';
import type { VisitorSession } from './widget-api-client.js';

/**
 * The second script of the widget (`widget-on-demand.js`), loaded only when a visitor needs it: the video call
 * when an invite rings, the microphone on the first press of 按住说话, the speaker when 🔊 first plays, the ticket form
 * and page when 提交工单 or a ticket is first opened. It is built
 * as its own IIFE that sets `window.ZhidaWidgetOnDemand`, so widget.js stays small for every page view.
 */

/** The call as the main bundle drives it: a socket to listen on, and the state that made it load. */
export interface OnDemandCall {
  attach(socket: Socket, session: VisitorSession): void;
  received(call: Call): Promise<void>;
}

/** The incoming-call prompt and overlay, with the answerer's media, appended to the page. */
export function startVideoCall(api: CallApiClient, locale: Locale): OnDemandCall {
  const call = new VisitorCall(api, navigator.mediaDevices);
  const view = new CallView(getCallCatalogue(locale), {
    accept: (consent) => void call.accept(consent),
    decline: () => void call.decline(),
    hangUp: () => void call.hangUp(),
    toggleMute: () => call.toggleMute(),
    toggleCamera: () => call.toggleCamera(),
    toggleShare: () => void call.toggleShare(),
  });
  document.body.append(view.host);
  call.subscribe((state) => view.render(state));
  return call;
}

/** 按住说话 with the browser's microphone. */
export function createHoldToTalk(deps: Omit<HoldToTalkDeps, 'recorder'>): HoldToTalkController {
  return new HoldToTalkController({ ...deps, recorder: new MicrophoneRecorder(navigator.mediaDevices) });
}

/** Speech playback through the view's `<audio>` element. */
export function createAudioPlayer(audio: HTMLAudioElement): AudioPlayer {
  return new AudioElementPlayer(audio);
}
