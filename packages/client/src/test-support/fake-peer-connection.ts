import type { IceCandidateInit, MediaDevicesLike, MediaStreamLike, MediaTrackLike, PeerConnectionLike, TransceiverDirection, TransceiverLike } from '../peer-media.js';

/** A track that remembers whether it was stopped, and lets a test end it as the browser would. */
export class FakeTrack implements MediaTrackLike {
  enabled = true;
  stopped = false;
  readonly #ended: (() => void)[] = [];

  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  addEventListener(_type: 'ended', listener: () => void): void {
    this.#ended.push(listener);
  }

  /** The browser's own 停止共享 bar. */
  end(): void {
    this.stopped = true;
    for (const l of this.#ended) l();
  }
}

export class FakeStream implements MediaStreamLike<FakeTrack> {
  constructor(readonly tracks: FakeTrack[] = []) {}
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
}

class FakeTransceiver implements TransceiverLike<FakeTrack, FakeStream> {
  readonly receiver: { track: FakeTrack };
  readonly sender: { track: FakeTrack | null; streams: FakeStream[]; replaceTrack(track: FakeTrack | null): Promise<void>; setStreams(...streams: FakeStream[]): void };

  constructor(
    kind: 'audio' | 'video',
    public direction: TransceiverDirection,
    track: FakeTrack | null,
  ) {
    this.receiver = { track: new FakeTrack(kind, `remote ${kind}`) };
    const sender = {
      track,
      streams: [] as FakeStream[],
      replaceTrack: async (next: FakeTrack | null) => {
        sender.track = next;
      },
      setStreams: (...streams: FakeStream[]) => {
        sender.streams = streams;
      },
    };
    this.sender = sender;
  }
}

type Listeners = { track: ((e: { track: FakeTrack }) => void)[]; icecandidate: ((e: { candidate: { toJSON(): IceCandidateInit } | null }) => void)[]; iceconnectionstatechange: (() => void)[] };

/**
 * RTCPeerConnection's state machine as far as a call uses it: transceivers, descriptions with a
 * counter in their SDP, candidates, and ICE states a test sets. It refuses what the browser
 * refuses (a second remote description of the same type out of order, a candidate before the
 * remote description), so a wrong order fails the test.
 */
export class FakePeerConnection implements PeerConnectionLike<FakeTrack, FakeStream> {
  iceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly addedCandidates: IceCandidateInit[] = [];
  readonly offerOptions: ({ iceRestart?: boolean } | undefined)[] = [];
  closed = false;
  #descriptions = 0;
  readonly #listeners: Listeners = { track: [], icecandidate: [], iceconnectionstatechange: [] };

  constructor(readonly iceServers: unknown[]) {}

  addTransceiver(trackOrKind: FakeTrack | string, init: { direction: TransceiverDirection; streams?: FakeStream[] }): FakeTransceiver {
    const kind = typeof trackOrKind === 'string' ? (trackOrKind as 'audio' | 'video') : trackOrKind.kind;
    const t = new FakeTransceiver(kind, init.direction, typeof trackOrKind === 'string' ? null : trackOrKind);
    this.transceivers.push(t);
    return t;
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.transceivers];
  }

  async createOffer(options?: { iceRestart?: boolean }): Promise<{ type: 'offer'; sdp: string }> {
    this.offerOptions.push(options);
    return { type: 'offer', sdp: `offer ${++this.#descriptions}${options?.iceRestart ? ' restart' : ''}` };
  }

  async createAnswer(): Promise<{ type: 'answer'; sdp: string }> {
    if (this.remoteDescription?.type !== 'offer') throw new Error('InvalidStateError: no remote offer');
    return { type: 'answer', sdp: `answer ${++this.#descriptions} (${this.transceivers.map((t) => `${t.receiver.track.kind}:${t.direction}:${t.sender.track?.label ?? '-'}`).join(', ')})` };
  }

  async setLocalDescription(description: { type: string; sdp?: string }): Promise<void> {
    this.localDescription = { type: description.type, sdp: description.sdp ?? '' };
  }

  async setRemoteDescription(description: { type: 'offer' | 'answer'; sdp: string }): Promise<void> {
    if (description.type === 'answer' && this.localDescription?.type !== 'offer') throw new Error('InvalidStateError: answer without an offer');
    // An offer brings the offerer's audio and video m-lines: the answerer gets a transceiver for each.
    if (description.type === 'offer' && this.transceivers.length === 0) for (const kind of ['audio', 'video'] as const) this.transceivers.push(new FakeTransceiver(kind, 'recvonly', null));
    this.remoteDescription = description;
  }

  async addIceCandidate(candidate: IceCandidateInit): Promise<void> {
    if (!this.remoteDescription) throw new Error('InvalidStateError: candidate before the remote description');
    this.addedCandidates.push(candidate);
  }

  addEventListener(type: 'track', listener: (e: { track: FakeTrack }) => void): void;
  addEventListener(type: 'icecandidate', listener: (e: { candidate: { toJSON(): IceCandidateInit } | null }) => void): void;
  addEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
  addEventListener(type: keyof Listeners, listener: (e: never) => void): void {
    (this.#listeners[type] as unknown[]).push(listener);
  }

  close(): void {
    this.closed = true;
    this.iceConnectionState = 'closed';
  }

  /** The network: ICE reaches a state. */
  setIce(state: 'checking' | 'connected' | 'disconnected' | 'failed'): void {
    this.iceConnectionState = state;
    for (const l of this.#listeners.iceconnectionstatechange) l();
  }

  /** A local candidate was gathered. */
  gather(candidate: string): void {
    for (const l of this.#listeners.icecandidate) l({ candidate: { toJSON: () => ({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) } });
  }

  /** A remote track arrived. */
  receiveTrack(track: FakeTrack): void {
    for (const l of this.#listeners.track) l({ track });
  }
}

/** Camera, microphone and screen that a test grants, refuses or takes away. */
export class FakeDevices implements MediaDevicesLike<FakeStream> {
  readonly asked: string[] = [];
  camera: 'ok' | 'denied' | 'missing' = 'ok';
  microphone: 'ok' | 'denied' | 'missing' = 'ok';
  screen: 'ok' | 'denied' = 'ok';

  async getUserMedia(constraints: { audio: boolean; video?: unknown }): Promise<FakeStream> {
    this.asked.push(constraints.video ? 'camera+microphone' : 'microphone');
    const refusal = (state: string) => (state === 'denied' ? new Error('NotAllowedError') : new Error('NotFoundError'));
    if (constraints.video && this.camera !== 'ok') throw refusal(this.camera);
    if (constraints.audio && this.microphone !== 'ok') throw refusal(this.microphone);
    return new FakeStream([...(constraints.audio ? [new FakeTrack('audio', 'microphone')] : []), ...(constraints.video ? [new FakeTrack('video', 'camera')] : [])]);
  }

  async getDisplayMedia(): Promise<FakeStream> {
    this.asked.push('screen');
    if (this.screen !== 'ok') throw new Error('NotAllowedError');
    return new FakeStream([new FakeTrack('video', 'screen')]);
  }
}
