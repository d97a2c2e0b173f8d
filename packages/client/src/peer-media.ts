import { browserScheduler, type Scheduler } from './scheduler.js';

/*
 * The slices of the WebRTC and media-capture APIs a call uses, written out so this package
 * compiles without the DOM library (it also runs in React Native's WebRTC) and a test can hand
 * in a fake. The browser's own RTCPeerConnection, MediaStream and MediaDevices fit them as they are.
 */
export interface MediaTrackLike {
  readonly kind: string;
  enabled: boolean;
  stop(): void;
  addEventListener(type: 'ended', listener: () => void): void;
}
export interface MediaStreamLike<T extends MediaTrackLike = MediaTrackLike> {
  getTracks(): T[];
  getAudioTracks(): T[];
  getVideoTracks(): T[];
  addTrack(track: T): void;
}

export interface IceCandidateInit {
  candidate?: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}
export type TransceiverDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' | 'stopped';
export interface TransceiverLike<T extends MediaTrackLike, S extends MediaStreamLike<T>> {
  direction: TransceiverDirection;
  readonly receiver: { readonly track: T };
  readonly sender: { readonly track: T | null; replaceTrack(track: T | null): Promise<void>; setStreams(...streams: S[]): void };
}
type SdpType = 'offer' | 'answer' | 'pranswer' | 'rollback';
export interface PeerConnectionLike<T extends MediaTrackLike, S extends MediaStreamLike<T>> {
  readonly iceConnectionState: string;
  readonly localDescription: { readonly sdp: string } | null;
  readonly remoteDescription: unknown;
  addTransceiver(trackOrKind: T | string, init: { direction: TransceiverDirection; streams?: S[] }): unknown;
  getTransceivers(): TransceiverLike<T, S>[];
  createOffer(options?: { iceRestart?: boolean }): Promise<{ type: SdpType; sdp?: string }>;
  createAnswer(): Promise<{ type: SdpType; sdp?: string }>;
  setLocalDescription(description: { type: SdpType; sdp?: string }): Promise<void>;
  setRemoteDescription(description: { type: 'offer' | 'answer'; sdp: string }): Promise<void>;
  addIceCandidate(candidate: IceCandidateInit): Promise<void>;
  addEventListener(type: 'track', listener: (event: { readonly track: T }) => void): void;
  addEventListener(type: 'icecandidate', listener: (event: { readonly candidate: { toJSON(): IceCandidateInit } | null }) => void): void;
  addEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
  close(): void;
}
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}
/** Camera, microphone and screen, as `navigator.mediaDevices` offers them. */
export interface MediaDevicesLike<S extends MediaStreamLike> {
  getUserMedia(constraints: { audio: boolean; video?: boolean | { width: { ideal: number }; height: { ideal: number } } }): Promise<S>;
  getDisplayMedia?(constraints: { video: boolean; audio: boolean }): Promise<S>;
}

/** What a party could get for a call: camera and microphone, the microphone alone, or nothing. */
export type CallMediaMode = 'video' | 'audio' | 'none';

/** What the two parties' peers tell each other through the call's signalling (`call.signal`). */
export type PeerSignal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'ice'; candidate: IceCandidateInit }
  | { type: 'screen_share'; active: boolean }
  | { type: 'media'; audio: boolean; video: boolean };

export interface PeerMediaState<S extends MediaStreamLike> {
  /** `idle` until `open`; `reconnecting` while ICE is down and may come back; `closed` for good. */
  phase: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';
  mode: CallMediaMode;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  remoteSharing: boolean;
  /** What the other party sends: it turned its microphone or camera off, or has none. */
  remoteMedia: { audio: boolean; video: boolean };
  connectedAt: number | null;
  localStream: S | null;
  remoteStream: S | null;
}

export interface PeerMediaEvents<S extends MediaStreamLike> {
  change: PeerMediaState<S>;
  /** To relay to the other party, as is. */
  signal: PeerSignal;
  /** ICE stayed down for the whole grace period: the call is lost (end it with reason `network`). */
  dropped: undefined;
  /** The screen could not be shared (refused, unsupported, or no connection yet). */
  shareFailed: undefined;
}

export interface PeerMediaOptions<T extends MediaTrackLike, S extends MediaStreamLike<T>> {
  /** The agent offers (one audio and one video transceiver); the visitor answers on them. */
  role: 'offerer' | 'answerer';
  devices: MediaDevicesLike<S> | undefined;
  createPeer: (iceServers: IceServer[]) => PeerConnectionLike<T, S>;
  createStream: () => S;
  scheduler?: Scheduler;
  /** How long a dropped connection may try to come back before `dropped`. */
  reconnectGraceMs?: number;
}

/** A party's media before anything was asked for; the apps start their call state from it. */
export const IDLE_PEER_MEDIA: PeerMediaState<never> = { phase: 'idle', mode: 'none', muted: false, cameraOff: false, sharing: false, remoteSharing: false, remoteMedia: { audio: true, video: true }, connectedAt: null, localStream: null, remoteStream: null };

const RECONNECT_GRACE_MS = 15_000;
const CAMERA = { width: { ideal: 640 }, height: { ideal: 480 } };

/**
 * One party's media in a call (#15), shared by the console (offerer) and the widget (answerer):
 * local media with fallbacks, the peer connection, offer/answer and ICE (candidates that arrive
 * early are held), screen share as a `replaceTrack` on the video transceiver (no renegotiation),
 * an ICE restart by the offerer when the connection fails, and the reconnect grace before
 * `dropped`. The call's lifecycle (ringing, accept, hang-up) stays with each app.
 * @example
 * const media = new PeerMedia({ role: 'answerer', devices: navigator.mediaDevices, createPeer: (iceServers) => new RTCPeerConnection({ iceServers }), createStream: () => new MediaStream() });
 * media.on('signal', (s) => socket.emit('call.signal', { ...s, callId }));
 * if ((await media.acquire('video')) !== 'none') media.open(iceServers);
 */
export class PeerMedia<T extends MediaTrackLike, S extends MediaStreamLike<T>> {
  #state: PeerMediaState<S> = IDLE_PEER_MEDIA;
  readonly #listeners: { [K in keyof PeerMediaEvents<S>]: Set<(payload: PeerMediaEvents<S>[K]) => void> } = { change: new Set(), signal: new Set(), dropped: new Set(), shareFailed: new Set() };
  readonly #options: PeerMediaOptions<T, S>;
  readonly #scheduler: Scheduler;
  #pc: PeerConnectionLike<T, S> | null = null;
  /** Signals that came before `open` (the offer can beat the accept's answer). */
  #early: PeerSignal[] = [];
  /** Candidates that came before the remote description. */
  #remoteIce: IceCandidateInit[] = [];
  #screen: T | null = null;
  #dropTimer: unknown = null;

  constructor(options: PeerMediaOptions<T, S>) {
    this.#options = options;
    this.#scheduler = options.scheduler ?? browserScheduler;
  }

  get state(): PeerMediaState<S> {
    return this.#state;
  }

  on<K extends keyof PeerMediaEvents<S>>(event: K, listener: (payload: PeerMediaEvents<S>[K]) => void): () => void {
    const set = this.#listeners[event] as Set<(payload: PeerMediaEvents<S>[K]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Camera and microphone, else the microphone alone (camera refused or missing), else none. */
  async acquire(kind: 'video' | 'audio'): Promise<CallMediaMode> {
    const devices = this.#options.devices;
    let stream: S | null = null;
    let mode: CallMediaMode = 'none';
    if (devices && kind === 'video') stream = await devices.getUserMedia({ audio: true, video: CAMERA }).catch(() => null);
    if (stream) mode = 'video';
    else if (devices) {
      stream = await devices.getUserMedia({ audio: true }).catch(() => null);
      if (stream) mode = 'audio';
    }
    if (this.#state.phase === 'closed') {
      // Hung up while the permission prompt was open.
      for (const t of stream?.getTracks() ?? []) t.stop();
      return 'none';
    }
    this.#set({ localStream: stream, mode });
    return mode;
  }

  /** Opens the connection; the offerer sends its offer at once, the answerer waits for it. */
  async open(iceServers: IceServer[]): Promise<void> {
    if (this.#pc || this.#state.phase === 'closed') return;
    const pc = this.#options.createPeer(iceServers);
    this.#pc = pc;
    const remote = this.#options.createStream();
    this.#set({ phase: 'connecting', remoteStream: remote });
    pc.addEventListener('track', (e) => {
      remote.addTrack(e.track);
      this.#set({});
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) this.#emit('signal', { type: 'ice', candidate: e.candidate.toJSON() });
    });
    pc.addEventListener('iceconnectionstatechange', () => void this.#onIceState(pc));
    if (this.#options.role === 'offerer') {
      const local = this.#state.localStream;
      for (const kind of ['audio', 'video'] as const) {
        const track = kind === 'audio' ? local?.getAudioTracks()[0] : local?.getVideoTracks()[0];
        pc.addTransceiver(track ?? kind, { direction: 'sendrecv', ...(track && local ? { streams: [local] } : {}) });
      }
      await this.#offer(pc, false);
    }
    for (const s of this.#early.splice(0)) await this.receive(s);
  }

  /** A signal from the other party. */
  async receive(signal: PeerSignal): Promise<void> {
    if (this.#state.phase === 'closed') return;
    if (signal.type === 'screen_share') return this.#set({ remoteSharing: signal.active });
    if (signal.type === 'media') return this.#set({ remoteMedia: { audio: signal.audio, video: signal.video } });
    const pc = this.#pc;
    if (!pc) {
      this.#early.push(signal);
      return;
    }
    if (signal.type === 'ice') {
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else this.#remoteIce.push(signal.candidate);
      return;
    }
    if (signal.type === 'offer' && this.#options.role === 'answerer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      await this.#sendOnOfferedTransceivers(pc);
      await pc.setLocalDescription(await pc.createAnswer());
      this.#emit('signal', { type: 'answer', sdp: pc.localDescription?.sdp ?? '' });
    } else if (signal.type === 'answer' && this.#options.role === 'offerer') {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
    } else {
      return;
    }
    for (const c of this.#remoteIce.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
  }

  toggleMute(): void {
    const muted = !this.#state.muted;
    for (const t of this.#state.localStream?.getAudioTracks() ?? []) t.enabled = !muted;
    this.#set({ muted });
    this.#emitMedia();
  }

  toggleCamera(): void {
    const cameraOff = !this.#state.cameraOff;
    for (const t of this.#state.localStream?.getVideoTracks() ?? []) t.enabled = !cameraOff;
    this.#set({ cameraOff });
    this.#emitMedia();
  }

  /** 共享屏幕: the screen replaces the camera on the same sender; stopping (or the browser's own stop) puts the camera back. */
  async toggleShare(): Promise<void> {
    if (this.#state.sharing) return this.#stopShare();
    const sender = this.#videoSender();
    const devices = this.#options.devices;
    if (!sender || !devices?.getDisplayMedia) return this.#emit('shareFailed', undefined);
    try {
      const display = await devices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) throw new Error('no screen track');
      if (this.#state.phase === 'closed') return track.stop();
      await sender.replaceTrack(track);
      this.#screen = track;
      track.addEventListener('ended', () => void this.#stopShare());
      this.#set({ sharing: true });
      this.#emit('signal', { type: 'screen_share', active: true });
    } catch {
      this.#emit('shareFailed', undefined);
    }
  }

  /** Stops the tracks and the connection; nothing is emitted after this. */
  close(): void {
    if (this.#dropTimer !== null) this.#scheduler.clearTimeout(this.#dropTimer);
    this.#dropTimer = null;
    this.#screen?.stop();
    this.#screen = null;
    for (const t of this.#state.localStream?.getTracks() ?? []) t.stop();
    this.#pc?.close();
    this.#pc = null;
    this.#early = [];
    this.#remoteIce = [];
    for (const set of Object.values(this.#listeners)) set.clear();
    this.#set({ phase: 'closed', sharing: false });
  }

  async #offer(pc: PeerConnectionLike<T, S>, iceRestart: boolean): Promise<void> {
    await pc.setLocalDescription(await pc.createOffer(iceRestart ? { iceRestart } : undefined));
    this.#emit('signal', { type: 'offer', sdp: pc.localDescription?.sdp ?? '' });
  }

  /** The answerer's tracks ride on the offerer's transceivers, so a later screen share is a `replaceTrack`. */
  async #sendOnOfferedTransceivers(pc: PeerConnectionLike<T, S>): Promise<void> {
    const local = this.#state.localStream;
    for (const t of pc.getTransceivers()) {
      t.direction = 'sendrecv';
      const track = t.receiver.track.kind === 'video' ? (this.#screen ?? local?.getVideoTracks()[0] ?? null) : (local?.getAudioTracks()[0] ?? null);
      if (t.sender.track !== track) await t.sender.replaceTrack(track);
      if (track && local) t.sender.setStreams(local);
    }
  }

  async #onIceState(pc: PeerConnectionLike<T, S>): Promise<void> {
    if (pc !== this.#pc) return;
    const ice = pc.iceConnectionState;
    if (ice === 'connected' || ice === 'completed') {
      if (this.#dropTimer !== null) this.#scheduler.clearTimeout(this.#dropTimer);
      this.#dropTimer = null;
      const first = this.#state.connectedAt === null;
      this.#set({ phase: 'connected', connectedAt: this.#state.connectedAt ?? this.#scheduler.now() });
      // The other side shows 访客已关闭摄像头 / 仅语音 from this, also when we never had a camera.
      if (first) this.#emitMedia();
    } else if (ice === 'disconnected' || ice === 'failed') {
      this.#set({ phase: 'reconnecting' });
      // A short drop recovers by itself; a failed one needs new candidates, which the offerer asks for.
      if (ice === 'failed' && this.#options.role === 'offerer') await this.#offer(pc, true).catch(() => undefined);
      this.#dropTimer ??= this.#scheduler.setTimeout(() => {
        this.#dropTimer = null;
        if (this.#state.phase === 'reconnecting') this.#emit('dropped', undefined);
      }, this.#options.reconnectGraceMs ?? RECONNECT_GRACE_MS);
    }
  }

  async #stopShare(): Promise<void> {
    if (!this.#screen) return;
    this.#screen.stop();
    this.#screen = null;
    await this.#videoSender()
      ?.replaceTrack(this.#state.localStream?.getVideoTracks()[0] ?? null)
      .catch(() => undefined);
    this.#set({ sharing: false });
    this.#emit('signal', { type: 'screen_share', active: false });
  }

  #videoSender(): TransceiverLike<T, S>['sender'] | null {
    return this.#pc?.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender ?? null;
  }

  #emitMedia(): void {
    const { localStream, muted, cameraOff } = this.#state;
    this.#emit('signal', { type: 'media', audio: !muted && (localStream?.getAudioTracks().length ?? 0) > 0, video: !cameraOff && (localStream?.getVideoTracks().length ?? 0) > 0 });
  }

  #set(patch: Partial<PeerMediaState<S>>): void {
    if (this.#state.phase === 'closed' && patch.phase !== 'closed') return;
    this.#state = { ...this.#state, ...patch };
    this.#emit('change', this.#state);
  }

  #emit<K extends keyof PeerMediaEvents<S>>(event: K, payload: PeerMediaEvents<S>[K]): void {
    for (const l of this.#listeners[event]) (l as (p: PeerMediaEvents<S>[K]) => void)(payload);
  }
}
