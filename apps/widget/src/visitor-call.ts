import type { Socket } from 'socket.io-client';
import type { Call, CallApiClient } from './call-api-client.js';
import { acquireCallMedia, type CallMediaMode } from './call-media.js';
import type { VisitorSession } from './widget-api-client.js';

/** How long a dropped connection may try to come back before the call ends with reason `network`. */
const RECONNECT_GRACE_MS = 15_000;
/** How long the end of a call stays on screen. */
const ENDED_NOTICE_MS = 4_000;

export interface VisitorCallState {
  phase: 'idle' | 'incoming' | 'connecting' | 'connected' | 'reconnecting' | 'ended';
  call: Call | null;
  recordingEnabled: boolean;
  mode: CallMediaMode;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  remoteSharing: boolean;
  connectedAt: number | null;
  /** A problem to show (no media, share refused…), by catalogue key. */
  notice: 'noMedia' | 'audioOnly' | 'shareFailed' | 'failed' | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
}

type SignalBody =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'ice'; candidate: RTCIceCandidateInit }
  | { type: 'screen_share'; active: boolean }
  | { type: 'media'; audio: boolean; video: boolean };
type Signal = SignalBody & { callId: string };

const IDLE: VisitorCallState = { phase: 'idle', call: null, recordingEnabled: false, mode: 'none', muted: false, cameraOff: false, sharing: false, remoteSharing: false, connectedAt: null, notice: null, localStream: null, remoteStream: null };

/**
 * The visitor's side of a video call (#15): the incoming prompt, media with fallbacks, the
 * WebRTC answerer (the agent offers; the visitor's tracks ride on the agent's transceivers, so
 * a screen share is a `replaceTrack` and needs no renegotiation), and the dropped-network timeout.
 */
export class VisitorCall {
  #state: VisitorCallState = IDLE;
  readonly #listeners = new Set<(s: VisitorCallState) => void>();
  #socket: Socket | null = null;
  #session: VisitorSession | null = null;
  #pc: RTCPeerConnection | null = null;
  #pending: Signal[] = [];
  #remoteIce: RTCIceCandidateInit[] = [];
  #screen: MediaStreamTrack | null = null;
  #dropTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: CallApiClient,
    private readonly media: Pick<MediaDevices, 'getUserMedia' | 'getDisplayMedia'> | undefined,
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
    socket.on('call.state', (call: Call) => void this.#onState(call));
    socket.on('call.signal', (signal: Signal) => void this.#onSignal(signal));
    socket.on('connect', () => {
      if (this.#state.phase !== 'idle') return;
      this.api
        .live(session)
        .then(({ call, recordingEnabled }) => {
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
    const { stream, mode } = await acquireCallMedia(this.media, call.kind);
    if (mode === 'none') {
      this.#set({ ...this.#state, notice: 'noMedia' });
      await this.api.hangUp(session, call.id, 'media_unavailable').catch(() => undefined);
      return;
    }
    this.#set({ ...this.#state, mode, localStream: stream, notice: mode === 'audio' && call.kind === 'video' ? 'audioOnly' : null });
    try {
      const joined = await this.api.accept(session, call.id, { recordingConsent, audioOnly: mode === 'audio' });
      this.#openPeer(joined.iceServers);
      // The agent's offer may have come in before the accept's answer did.
      for (const s of this.#pending.splice(0)) await this.#onSignal(s);
    } catch {
      this.#teardown();
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
    const muted = !this.#state.muted;
    for (const t of this.#state.localStream?.getAudioTracks() ?? []) t.enabled = !muted;
    this.#set({ ...this.#state, muted });
    this.#emitMedia();
  }

  toggleCamera(): void {
    const cameraOff = !this.#state.cameraOff;
    for (const t of this.#state.localStream?.getVideoTracks() ?? []) t.enabled = !cameraOff;
    this.#set({ ...this.#state, cameraOff });
    this.#emitMedia();
  }

  /** 共享屏幕: the screen replaces the camera on the same sender (the visitor shows the problem). */
  async toggleShare(): Promise<void> {
    if (this.#state.sharing) return this.#stopShare();
    const sender = this.#videoSender();
    if (!sender || !this.media?.getDisplayMedia) return this.#set({ ...this.#state, notice: 'shareFailed' });
    try {
      const display = await this.media.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) throw new Error('no screen track');
      await sender.replaceTrack(track);
      this.#screen = track;
      track.addEventListener('ended', () => void this.#stopShare());
      this.#set({ ...this.#state, sharing: true, notice: null });
      this.#signal({ type: 'screen_share', active: true });
    } catch {
      this.#set({ ...this.#state, notice: 'shareFailed' });
    }
  }

  async #stopShare(): Promise<void> {
    if (!this.#screen) return;
    this.#screen.stop();
    this.#screen = null;
    await this.#videoSender()?.replaceTrack(this.#state.localStream?.getVideoTracks()[0] ?? null);
    this.#set({ ...this.#state, sharing: false });
    this.#signal({ type: 'screen_share', active: false });
  }

  #videoSender(): RTCRtpSender | null {
    return this.#pc?.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender ?? null;
  }

  #openPeer(iceServers: RTCIceServer[]): void {
    const pc = new RTCPeerConnection({ iceServers });
    this.#pc = pc;
    const remote = new MediaStream();
    this.#set({ ...this.#state, remoteStream: remote });
    pc.addEventListener('track', (e) => {
      remote.addTrack(e.track);
      this.#set({ ...this.#state });
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) this.#signal({ type: 'ice', candidate: e.candidate.toJSON() });
    });
    pc.addEventListener('iceconnectionstatechange', () => this.#onIceState(pc.iceConnectionState));
  }

  #onIceState(ice: RTCIceConnectionState): void {
    if (ice === 'connected' || ice === 'completed') {
      if (this.#dropTimer) clearTimeout(this.#dropTimer);
      this.#dropTimer = null;
      this.#set({ ...this.#state, phase: 'connected', connectedAt: this.#state.connectedAt ?? Date.now() });
    } else if ((ice === 'disconnected' || ice === 'failed') && this.#state.phase !== 'ended') {
      this.#set({ ...this.#state, phase: 'reconnecting' });
      // ICE recovers by itself from a short drop; a connection that stays down ends the call with a reason.
      this.#dropTimer ??= setTimeout(() => void this.hangUp('network'), RECONNECT_GRACE_MS);
    }
  }

  async #onState(call: Call): Promise<void> {
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
    this.#teardown();
    this.#set({ ...IDLE, phase: 'ended', call, notice });
    setTimeout(() => {
      if (this.#state.phase === 'ended' && this.#state.call?.id === call.id) this.#set(IDLE);
    }, ENDED_NOTICE_MS);
  }

  async #onSignal(signal: Signal): Promise<void> {
    if (signal.callId !== this.#state.call?.id) return;
    const pc = this.#pc;
    if (!pc) {
      this.#pending.push(signal);
      return;
    }
    if (signal.type === 'offer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      const local = this.#state.localStream;
      for (const t of pc.getTransceivers()) {
        const kind = t.receiver.track.kind;
        // Our tracks ride on the agent's transceivers; a screen share later replaces the video one.
        t.direction = 'sendrecv';
        const track = kind === 'video' ? (this.#screen ?? local?.getVideoTracks()[0] ?? null) : (local?.getAudioTracks()[0] ?? null);
        if (t.sender.track !== track) await t.sender.replaceTrack(track);
        if (track && local) t.sender.setStreams(local);
      }
      await pc.setLocalDescription(await pc.createAnswer());
      this.#signal({ type: 'answer', sdp: pc.localDescription?.sdp ?? '' });
      for (const c of this.#remoteIce.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
    } else if (signal.type === 'ice') {
      if (!pc.remoteDescription) this.#remoteIce.push(signal.candidate);
      else await pc.addIceCandidate(signal.candidate).catch(() => undefined);
    } else if (signal.type === 'screen_share') {
      this.#set({ ...this.#state, remoteSharing: signal.active });
    }
  }

  #signal(body: SignalBody): void {
    const call = this.#state.call;
    if (call) this.#socket?.emit('call.signal', { ...body, callId: call.id });
  }

  #emitMedia(): void {
    this.#signal({ type: 'media', audio: !this.#state.muted, video: !this.#state.cameraOff });
  }

  #teardown(): void {
    if (this.#dropTimer) clearTimeout(this.#dropTimer);
    this.#dropTimer = null;
    this.#screen?.stop();
    this.#screen = null;
    for (const t of this.#state.localStream?.getTracks() ?? []) t.stop();
    this.#pc?.close();
    this.#pc = null;
    this.#pending = [];
    this.#remoteIce = [];
  }

  #set(next: VisitorCallState): void {
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }
}
