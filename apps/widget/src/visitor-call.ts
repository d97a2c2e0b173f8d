import { IDLE_PEER_MEDIA, PeerMedia, type PeerMediaOptions, type PeerMediaState, type PeerSignal } from '@zhida/client/peer-media';
import type { Socket } from 'socket.io-client';
import type { Call, CallApiClient } from './call-api-client.js';
import type { VisitorSession } from './widget-api-client.js';

/** How long the end of a call stays on screen. */
const ENDED_NOTICE_MS = 4_000;

export interface VisitorCallState extends Omit<PeerMediaState<MediaStream>, 'phase'> {
  phase: 'idle' | 'incoming' | 'connecting' | 'connected' | 'reconnecting' | 'ended';
  call: Call | null;
  recordingEnabled: boolean;
  /** A problem to show (no media, share refused…), by catalogue key. */
  notice: 'noMedia' | 'audioOnly' | 'shareFailed' | 'failed' | null;
}

const IDLE: VisitorCallState = { ...IDLE_PEER_MEDIA, phase: 'idle', call: null, recordingEnabled: false, notice: null };

type PeerFactories = Pick<PeerMediaOptions<MediaStreamTrack, MediaStream>, 'createPeer' | 'createStream'>;
const BROWSER_PEERS: PeerFactories = { createPeer: (iceServers) => new RTCPeerConnection({ iceServers }), createStream: () => new MediaStream() };

/**
 * The visitor's side of a video call (#15): the incoming prompt, accept / decline / hang-up, and
 * the answerer's media (`PeerMedia` from @zhida/client, which the console's offerer shares).
 */
export class VisitorCall {
  #state: VisitorCallState = IDLE;
  readonly #listeners = new Set<(s: VisitorCallState) => void>();
  #socket: Socket | null = null;
  #session: VisitorSession | null = null;
  #media: PeerMedia<MediaStreamTrack, MediaStream> | null = null;

  constructor(
    private readonly api: Pick<CallApiClient, 'live' | 'accept' | 'decline' | 'hangUp'>,
    private readonly devices: Pick<MediaDevices, 'getUserMedia' | 'getDisplayMedia'> | undefined,
    private readonly peers: PeerFactories = BROWSER_PEERS,
  ) {}

  get state(): VisitorCallState {
    return this.#state;
  }

  subscribe(listener: (s: VisitorCallState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hooks a (re)connected widget socket; a call that rang while it was down is found again. */
  attach(socket: Socket, session: VisitorSession): void {
    this.#socket = socket;
    this.#session = session;
    socket.on('call.state', (call: Call) => void this.received(call));
    socket.on('call.signal', (signal: PeerSignal & { callId: string }) => {
      if (signal.callId === this.#state.call?.id) void this.#media?.receive(signal);
    });
    socket.on('connect', () => {
      if (this.#state.phase === 'ended') return;
      this.api
        .live(session)
        .then(({ call, recordingEnabled }) => {
          if (this.#state.phase !== 'idle' && this.#state.phase !== 'ended' && call?.id !== this.#state.call?.id) {
            // The call ended while this socket was down (its call.state was missed): the transcript,
            // resynced on this connect, says how; the overlay goes.
            this.#closeMedia();
            this.#set(IDLE);
          }
          if (call?.state === 'ringing' && this.#state.phase === 'idle') this.#set({ ...IDLE, phase: 'incoming', call, recordingEnabled });
        })
        .catch(() => undefined);
    });
  }

  /** 接听: only now are the camera and microphone asked for. */
  async accept(recordingConsent: boolean): Promise<void> {
    const call = this.#state.call;
    const session = this.#session;
    if (!call || !session || this.#state.phase !== 'incoming') return;
    this.#set({ ...this.#state, phase: 'connecting', notice: null });
    const media = this.#openMedia(call);
    const mode = await media.acquire(call.kind);
    // The call ended while the permission prompt was open.
    if (this.#media !== media) return;
    if (mode === 'none') {
      this.#closeMedia();
      this.#set({ ...this.#state, notice: 'noMedia' });
      await this.api.hangUp(session, call.id, 'media_unavailable').catch(() => undefined);
      return;
    }
    if (mode === 'audio' && call.kind === 'video') this.#set({ ...this.#state, notice: 'audioOnly' });
    try {
      const joined = await this.api.accept(session, call.id, { recordingConsent, audioOnly: mode === 'audio' });
      await media.open(joined.iceServers);
    } catch {
      this.#closeMedia();
      this.#set({ ...IDLE, phase: 'ended', call, notice: 'failed' });
    }
  }

  async decline(): Promise<void> {
    const call = this.#state.call;
    if (!call || !this.#session) return;
    this.#set(IDLE);
    await this.api.decline(this.#session, call.id).catch(() => undefined);
  }

  async hangUp(reason: 'hangup' | 'network' = 'hangup'): Promise<void> {
    const call = this.#state.call;
    if (!call || !this.#session) return;
    await this.api.hangUp(this.#session, call.id, reason).catch(() => undefined);
  }

  toggleMute(): void {
    this.#media?.toggleMute();
  }

  toggleCamera(): void {
    this.#media?.toggleCamera();
  }

  /** 共享屏幕: the visitor shows the problem. */
  async toggleShare(): Promise<void> {
    if (!this.#media) return this.#set({ ...this.#state, notice: 'shareFailed' });
    await this.#media.toggleShare();
  }

  #openMedia(call: Call): PeerMedia<MediaStreamTrack, MediaStream> {
    const media = new PeerMedia<MediaStreamTrack, MediaStream>({ role: 'answerer', devices: this.devices, ...this.peers });
    this.#media = media;
    media.on('change', (m) => {
      const live = this.#state.phase === 'connecting' || this.#state.phase === 'connected' || this.#state.phase === 'reconnecting';
      const phase = live && m.phase !== 'idle' && m.phase !== 'closed' ? m.phase : this.#state.phase;
      this.#set({ ...this.#state, ...m, phase, notice: m.sharing ? null : this.#state.notice });
    });
    media.on('signal', (body) => this.#socket?.emit('call.signal', { ...body, callId: call.id }));
    media.on('dropped', () => void this.hangUp('network'));
    media.on('shareFailed', () => this.#set({ ...this.#state, notice: 'shareFailed' }));
    return media;
  }

  #closeMedia(): void {
    this.#media?.close();
    this.#media = null;
  }

  /** A call's new state, pushed on the socket (or the one that made the widget load the call). */
  async received(call: Call): Promise<void> {
    if (call.state === 'ringing') {
      if (this.#state.phase !== 'idle' && this.#state.phase !== 'ended') return;
      const live = this.#session ? await this.api.live(this.#session).catch(() => null) : null;
      this.#set({ ...IDLE, phase: 'incoming', call, recordingEnabled: live?.recordingEnabled ?? false });
      return;
    }
    if (this.#state.call?.id !== call.id) return;
    if (call.state === 'connected') {
      // Answered in another tab of the same chat: this one stops ringing.
      this.#set(this.#state.phase === 'incoming' ? IDLE : { ...this.#state, call });
      return;
    }
    // Ended, declined, missed, failed: show it a moment, then the chat is all there is again.
    const notice = this.#state.notice === 'noMedia' ? 'noMedia' : null;
    this.#closeMedia();
    this.#set({ ...IDLE, phase: 'ended', call, notice });
    setTimeout(() => {
      if (this.#state.phase === 'ended' && this.#state.call?.id === call.id) this.#set(IDLE);
    }, ENDED_NOTICE_MS);
  }

  #set(next: VisitorCallState): void {
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }
}
