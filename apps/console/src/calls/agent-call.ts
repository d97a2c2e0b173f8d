import type { AgentSocket } from '../realtime/agent-socket-context.js';
import type { CallApi } from './call-api.js';
import type { CallDto, CallSignal, CallSignalBody } from './call-types.js';

/** How long a dropped connection may try to come back before the call ends with reason `network`. */
const RECONNECT_GRACE_MS = 15_000;

export type AgentCallPhase = 'idle' | 'starting' | 'ringing' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface AgentCallState {
  phase: AgentCallPhase;
  call: CallDto | null;
  /** What this side could get: camera and microphone, the microphone alone, or neither (the visitor can still show their screen). */
  mode: 'video' | 'audio' | 'none';
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  remoteSharing: boolean;
  /** The visitor turned their microphone or camera off. */
  remoteMedia: { audio: boolean; video: boolean };
  recording: boolean;
  connectedAt: number | null;
  /** An error to show (by i18n key suffix) or a server message. */
  error: { key: 'media' | 'share' | 'start' | 'recording' | 'signal'; detail?: string } | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
}

const IDLE: AgentCallState = { phase: 'idle', call: null, mode: 'none', muted: false, cameraOff: false, sharing: false, remoteSharing: false, remoteMedia: { audio: true, video: true }, recording: false, connectedAt: null, error: null, localStream: null, remoteStream: null };

/**
 * The agent's side of a video call (#15): starts it, and once the visitor accepted makes the
 * WebRTC offer with one audio and one video transceiver (the visitor answers on them, so either
 * side's screen share is a `replaceTrack`). Records the visitor's stream only when the call says
 * the visitor consented, and uploads it when the call ends.
 */
export class AgentCall {
  #state: AgentCallState = IDLE;
  readonly #listeners = new Set<(s: AgentCallState) => void>();
  #pc: RTCPeerConnection | null = null;
  #iceServers: RTCIceServer[] = [];
  #remoteIce: RTCIceCandidateInit[] = [];
  #screen: MediaStreamTrack | null = null;
  #dropTimer: ReturnType<typeof setTimeout> | null = null;
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  readonly #off: (() => void)[] = [];

  constructor(
    private readonly api: CallApi,
    private readonly socket: AgentSocket,
    private readonly media: Pick<MediaDevices, 'getUserMedia' | 'getDisplayMedia'> | undefined,
  ) {
    const onState = (call: CallDto) => void this.#onState(call);
    const onSignal = (signal: CallSignal) => void this.#onSignal(signal);
    const onError = (e: { callId: string | null; message: string }) => {
      if (e.callId && e.callId === this.#state.call?.id) this.#set({ ...this.#state, error: { key: 'signal', detail: e.message } });
    };
    socket.on('call.state', onState);
    socket.on('call.signal', onSignal);
    socket.on('call.error', onError);
    this.#off.push(() => socket.off('call.state', onState), () => socket.off('call.signal', onSignal), () => socket.off('call.error', onError));
  }

  get state(): AgentCallState {
    return this.#state;
  }

  subscribe(listener: (s: AgentCallState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** 视频协助: camera and microphone (or less), then the call rings in the visitor's widget. */
  async start(conversationId: string): Promise<void> {
    if (this.#state.phase !== 'idle' && this.#state.phase !== 'ended') return;
    this.#set({ ...IDLE, phase: 'starting' });
    const { stream, mode } = await this.#acquire();
    this.#set({ ...this.#state, localStream: stream, mode, error: mode === 'video' ? null : { key: 'media' } });
    try {
      const joined = await this.api.start(conversationId, 'video');
      this.#iceServers = joined.iceServers;
      this.#set({ ...this.#state, phase: 'ringing', call: joined.call });
    } catch (failure) {
      this.#teardown();
      this.#set({ ...IDLE, phase: 'ended', error: { key: 'start', detail: failure instanceof Error ? failure.message : undefined } });
    }
  }

  async hangUp(reason: 'hangup' | 'network' = 'hangup'): Promise<void> {
    const call = this.#state.call;
    if (!call) return;
    try {
      await this.api.hangUp(call.id, reason);
    } catch {
      // Already over on the server (the visitor hung up at the same moment): its call.state ends it here.
    }
  }

  toggleMute(): void {
    const muted = !this.#state.muted;
    for (const t of this.#state.localStream?.getAudioTracks() ?? []) t.enabled = !muted;
    this.#set({ ...this.#state, muted });
    this.#signal({ type: 'media', audio: !muted, video: !this.#state.cameraOff });
  }

  toggleCamera(): void {
    const cameraOff = !this.#state.cameraOff;
    for (const t of this.#state.localStream?.getVideoTracks() ?? []) t.enabled = !cameraOff;
    this.#set({ ...this.#state, cameraOff });
    this.#signal({ type: 'media', audio: !this.#state.muted, video: !cameraOff });
  }

  /** 共享屏幕: the agent's screen replaces their camera (guiding the visitor through a page). */
  async toggleShare(): Promise<void> {
    if (this.#state.sharing) return this.#stopShare();
    const sender = this.#videoSender();
    if (!sender || !this.media?.getDisplayMedia) return this.#set({ ...this.#state, error: { key: 'share' } });
    try {
      const display = await this.media.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) throw new Error('no screen track');
      await sender.replaceTrack(track);
      this.#screen = track;
      track.addEventListener('ended', () => void this.#stopShare());
      this.#set({ ...this.#state, sharing: true, error: null });
      this.#signal({ type: 'screen_share', active: true });
    } catch {
      this.#set({ ...this.#state, error: { key: 'share' } });
    }
  }

  /** Stops listening and ends whatever call is still up (the chat was closed or left). */
  dispose(): void {
    for (const off of this.#off.splice(0)) off();
    if (this.#state.phase !== 'idle' && this.#state.phase !== 'ended') void this.hangUp();
    this.#teardown();
    this.#listeners.clear();
  }

  async #acquire(): Promise<{ stream: MediaStream | null; mode: AgentCallState['mode'] }> {
    if (!this.media) return { stream: null, mode: 'none' };
    try {
      return { stream: await this.media.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } }), mode: 'video' };
    } catch {
      try {
        return { stream: await this.media.getUserMedia({ audio: true }), mode: 'audio' };
      } catch {
        return { stream: null, mode: 'none' };
      }
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

  async #onState(call: CallDto): Promise<void> {
    if (call.id !== this.#state.call?.id) return;
    if (call.state === 'connected') {
      this.#set({ ...this.#state, call, phase: 'connecting' });
      await this.#offer();
      return;
    }
    if (call.state === 'ringing') return;
    this.#finishRecording(call);
    this.#teardown();
    this.#set({ ...IDLE, phase: 'ended', call, error: this.#state.error?.key === 'recording' ? this.#state.error : null });
  }

  async #offer(): Promise<void> {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    this.#pc = pc;
    const local = this.#state.localStream;
    const remote = new MediaStream();
    this.#set({ ...this.#state, remoteStream: remote });
    for (const kind of ['audio', 'video'] as const) {
      const track = kind === 'audio' ? local?.getAudioTracks()[0] : local?.getVideoTracks()[0];
      pc.addTransceiver(track ?? kind, { direction: 'sendrecv', ...(track && local ? { streams: [local] } : {}) });
    }
    pc.addEventListener('track', (e) => {
      remote.addTrack(e.track);
      this.#set({ ...this.#state });
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) this.#signal({ type: 'ice', candidate: e.candidate.toJSON() });
    });
    pc.addEventListener('iceconnectionstatechange', () => this.#onIceState(pc.iceConnectionState));
    await pc.setLocalDescription(await pc.createOffer());
    this.#signal({ type: 'offer', sdp: pc.localDescription?.sdp ?? '' });
  }

  #onIceState(ice: RTCIceConnectionState): void {
    if (ice === 'connected' || ice === 'completed') {
      if (this.#dropTimer) clearTimeout(this.#dropTimer);
      this.#dropTimer = null;
      const first = this.#state.connectedAt === null;
      this.#set({ ...this.#state, phase: 'connected', connectedAt: this.#state.connectedAt ?? Date.now() });
      if (first && this.#state.call?.recordingAllowed) this.#startRecording();
    } else if ((ice === 'disconnected' || ice === 'failed') && this.#state.phase !== 'ended') {
      this.#set({ ...this.#state, phase: 'reconnecting' });
      this.#dropTimer ??= setTimeout(() => void this.hangUp('network'), RECONNECT_GRACE_MS);
    }
  }

  async #onSignal(signal: CallSignal): Promise<void> {
    if (signal.callId !== this.#state.call?.id) return;
    const pc = this.#pc;
    if (signal.type === 'answer' && pc) {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
      for (const c of this.#remoteIce.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
    } else if (signal.type === 'ice') {
      if (!pc?.remoteDescription) this.#remoteIce.push(signal.candidate);
      else await pc.addIceCandidate(signal.candidate).catch(() => undefined);
    } else if (signal.type === 'screen_share') {
      this.#set({ ...this.#state, remoteSharing: signal.active });
    } else if (signal.type === 'media') {
      this.#set({ ...this.#state, remoteMedia: { audio: signal.audio, video: signal.video } });
    }
  }

  /** Only with the visitor's consent (the call says so; the server refuses the upload otherwise). */
  #startRecording(): void {
    const remote = this.#state.remoteStream;
    if (!remote || typeof MediaRecorder === 'undefined') return;
    try {
      const recorder = new MediaRecorder(remote, { mimeType: 'video/webm' });
      this.#chunks = [];
      recorder.addEventListener('dataavailable', (e) => {
        if (e.data.size > 0) this.#chunks.push(e.data);
      });
      recorder.start(1000);
      this.#recorder = recorder;
      this.#set({ ...this.#state, recording: true });
    } catch {
      this.#set({ ...this.#state, error: { key: 'recording' } });
    }
  }

  #finishRecording(call: CallDto): void {
    const recorder = this.#recorder;
    if (!recorder) return;
    this.#recorder = null;
    recorder.addEventListener('stop', () => {
      const blob = new Blob(this.#chunks, { type: 'video/webm' });
      this.#chunks = [];
      if (blob.size > 0) this.api.uploadRecording(call.id, blob).catch(() => this.#set({ ...this.#state, error: { key: 'recording' } }));
    });
    recorder.stop();
  }

  #signal(body: CallSignalBody): void {
    const call = this.#state.call;
    if (call) this.socket.emit('call.signal', { ...body, callId: call.id });
  }

  #teardown(): void {
    if (this.#dropTimer) clearTimeout(this.#dropTimer);
    this.#dropTimer = null;
    this.#screen?.stop();
    this.#screen = null;
    for (const t of this.#state.localStream?.getTracks() ?? []) t.stop();
    this.#pc?.close();
    this.#pc = null;
    this.#remoteIce = [];
  }

  #set(next: AgentCallState): void {
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }
}
