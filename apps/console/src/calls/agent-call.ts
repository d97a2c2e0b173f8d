import { IDLE_PEER_MEDIA, PeerMedia, type PeerMediaOptions, type PeerMediaState } from '@zhida/client/peer-media';
import type { AgentSocket } from '../realtime/agent-socket-context.js';
import type { CallApi } from './call-api.js';
import type { CallDto, CallSignal } from './call-types.js';

export type AgentCallPhase = 'idle' | 'starting' | 'ringing' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface AgentCallState extends Omit<PeerMediaState<MediaStream>, 'phase'> {
  phase: AgentCallPhase;
  call: CallDto | null;
  recording: boolean;
  /** An error to show (by i18n key suffix) or a server message. */
  error: { key: 'media' | 'share' | 'start' | 'recording' | 'signal'; detail?: string } | null;
}

const IDLE: AgentCallState = { ...IDLE_PEER_MEDIA, phase: 'idle', call: null, recording: false, error: null };

type PeerFactories = Pick<PeerMediaOptions<MediaStreamTrack, MediaStream>, 'createPeer' | 'createStream'>;
const BROWSER_PEERS: PeerFactories = { createPeer: (iceServers) => new RTCPeerConnection({ iceServers }), createStream: () => new MediaStream() };

/**
 * The agent's side of a video call (#15): starts it, and once the visitor accepted offers through
 * the offerer's `PeerMedia` (from @zhida/client, which the widget's answerer shares). Records the
 * visitor's stream only when the call says the visitor consented, and uploads it when the call ends.
 */
export class AgentCall {
  #state: AgentCallState = IDLE;
  readonly #listeners = new Set<(s: AgentCallState) => void>();
  #media: PeerMedia<MediaStreamTrack, MediaStream> | null = null;
  #iceServers: RTCIceServer[] = [];
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  readonly #off: (() => void)[] = [];

  constructor(
    private readonly api: Pick<CallApi, 'start' | 'list' | 'hangUp' | 'uploadRecording'>,
    private readonly socket: Pick<AgentSocket, 'on' | 'off' | 'emit'>,
    private readonly devices: Pick<MediaDevices, 'getUserMedia' | 'getDisplayMedia'> | undefined,
    private readonly peers: PeerFactories = BROWSER_PEERS,
  ) {
    const onState = (call: CallDto) => void this.#onState(call);
    const onSignal = (signal: CallSignal) => {
      if (signal.callId === this.#state.call?.id) void this.#media?.receive(signal);
    };
    const onError = (e: { callId: string | null; message: string }) => {
      if (e.callId && e.callId === this.#state.call?.id) this.#set({ ...this.#state, error: { key: 'signal', detail: e.message } });
    };
    const onConnect = () => void this.#resync();
    socket.on('call.state', onState);
    socket.on('call.signal', onSignal);
    socket.on('call.error', onError);
    socket.on('connect', onConnect);
    this.#off.push(() => socket.off('call.state', onState), () => socket.off('call.signal', onSignal), () => socket.off('call.error', onError), () => socket.off('connect', onConnect));
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
    const media = this.#openMedia();
    const mode = await media.acquire('video');
    if (mode !== 'video') this.#set({ ...this.#state, error: { key: 'media' } });
    try {
      const joined = await this.api.start(conversationId, 'video');
      this.#iceServers = joined.iceServers;
      this.#set({ ...this.#state, phase: 'ringing', call: joined.call });
    } catch (failure) {
      this.#closeMedia();
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
    this.#media?.toggleMute();
  }

  toggleCamera(): void {
    this.#media?.toggleCamera();
  }

  /** 共享屏幕: the agent's screen replaces their camera (guiding the visitor through a page). */
  async toggleShare(): Promise<void> {
    if (!this.#media) return this.#set({ ...this.#state, error: { key: 'share' } });
    await this.#media.toggleShare();
  }

  /** Stops listening and ends whatever call is still up (the chat was closed or left). */
  dispose(): void {
    for (const off of this.#off.splice(0)) off();
    if (this.#state.phase !== 'idle' && this.#state.phase !== 'ended') void this.hangUp();
    this.#closeMedia();
    this.#listeners.clear();
  }

  #openMedia(): PeerMedia<MediaStreamTrack, MediaStream> {
    this.#closeMedia();
    const media = new PeerMedia<MediaStreamTrack, MediaStream>({ role: 'offerer', devices: this.devices, ...this.peers });
    this.#media = media;
    media.on('change', (m) => {
      const live = this.#state.phase === 'connecting' || this.#state.phase === 'connected' || this.#state.phase === 'reconnecting';
      const phase = live && m.phase !== 'idle' && m.phase !== 'closed' ? m.phase : this.#state.phase;
      const firstConnect = phase === 'connected' && this.#state.connectedAt === null;
      this.#set({ ...this.#state, ...m, phase, error: m.sharing && this.#state.error?.key === 'share' ? null : this.#state.error });
      if (firstConnect && this.#state.call?.recordingAllowed) this.#startRecording();
    });
    media.on('signal', (body) => {
      const call = this.#state.call;
      if (call) this.socket.emit('call.signal', { ...body, callId: call.id });
    });
    media.on('dropped', () => void this.hangUp('network'));
    media.on('shareFailed', () => this.#set({ ...this.#state, error: { key: 'share' } }));
    return media;
  }

  #closeMedia(): void {
    this.#media?.close();
    this.#media = null;
  }

  /** After a reconnect: a change of our call pushed while the socket was down (answered, ended) is applied now. */
  async #resync(): Promise<void> {
    const known = this.#state.call;
    if (!known || this.#state.phase === 'idle' || this.#state.phase === 'ended') return;
    const now = (await this.api.list(known.conversationId).catch(() => null))?.items.find((c) => c.id === known.id);
    if (now && now.state !== this.#state.call?.state) await this.#onState(now);
  }

  async #onState(call: CallDto): Promise<void> {
    if (call.id !== this.#state.call?.id) return;
    if (call.state === 'connected') {
      this.#set({ ...this.#state, call, phase: 'connecting' });
      await this.#media?.open(this.#iceServers);
      return;
    }
    if (call.state === 'ringing') return;
    this.#finishRecording(call);
    this.#closeMedia();
    this.#set({ ...IDLE, phase: 'ended', call, error: this.#state.error?.key === 'recording' ? this.#state.error : null });
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

  #set(next: AgentCallState): void {
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }
}
