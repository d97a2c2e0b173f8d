import { FakeDevices, FakePeerConnection, FakeStream } from '@zhida/client/test-support/fake-peer-connection';
import { FakeSocket } from '@zhida/client/test-support/fake-socket';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call, CallApiClient, JoinedCall } from './call-api-client.js';
import { settle } from './test-support/manual-scheduler.js';
import { VisitorCall } from './visitor-call.js';
import type { VisitorSession } from './widget-api-client.js';

const SESSION: VisitorSession = { conversationId: 'conv-1', visitorToken: 'token-1' };
const ringing: Call = { id: 'call-1', conversationId: 'conv-1', kind: 'video', state: 'ringing', durationSeconds: null, endedBy: null, endReason: null };
const ICE = [{ urls: ['stun:127.0.0.1:3478'] }];

/** The visitor's call routes in memory: what was asked, and the call the server holds. */
class FakeCallApi implements Pick<CallApiClient, 'live' | 'accept' | 'decline' | 'hangUp'> {
  readonly asked: string[] = [];
  live_: Call | null = ringing;

  async live(): Promise<{ call: Call | null; recordingEnabled: boolean }> {
    this.asked.push('live');
    return { call: this.live_, recordingEnabled: false };
  }
  async accept(_s: VisitorSession, callId: string, input: { recordingConsent: boolean; audioOnly: boolean }): Promise<JoinedCall> {
    this.asked.push(`accept ${callId}${input.audioOnly ? ' audioOnly' : ''}`);
    return { call: { ...ringing, state: 'connected' }, iceServers: ICE };
  }
  async decline(_s: VisitorSession, callId: string): Promise<Call> {
    this.asked.push(`decline ${callId}`);
    return { ...ringing, state: 'declined' };
  }
  async hangUp(_s: VisitorSession, callId: string, reason: string): Promise<Call> {
    this.asked.push(`hangUp ${callId} ${reason}`);
    return { ...ringing, state: 'ended' };
  }
}

function harness(devices = new FakeDevices()) {
  const api = new FakeCallApi();
  const socket = new FakeSocket();
  const peers: FakePeerConnection[] = [];
  // The browser's types stand for the fakes, which implement the slices PeerMedia uses.
  const call = new VisitorCall(api, devices as unknown as MediaDevices, {
    createPeer: (iceServers) => {
      const pc = new FakePeerConnection(iceServers);
      peers.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    createStream: () => new FakeStream() as unknown as MediaStream,
  });
  call.attach(socket as unknown as Socket, SESSION);
  return { api, socket, call, peers };
}

async function incoming(h: ReturnType<typeof harness>): Promise<void> {
  h.socket.push('call.state', ringing);
  await settle();
  expect(h.call.state.phase).toBe('incoming');
}

describe('the visitor’s side of a call', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers the agent’s offer on the shared peer media, the signals tagged with the call', async () => {
    const h = harness();
    await incoming(h);
    await h.call.accept(false);
    expect(h.api.asked).toContain('accept call-1');
    expect(h.peers[0]?.iceServers).toEqual(ICE);
    h.socket.push('call.signal', { callId: 'call-1', type: 'offer', sdp: 'offer 1' });
    h.socket.push('call.signal', { callId: 'other-call', type: 'offer', sdp: 'not ours' });
    await settle();
    expect(h.socket.emitted).toEqual([{ event: 'call.signal', callId: 'call-1', type: 'answer', sdp: 'answer 1 (audio:sendrecv:microphone, video:sendrecv:camera)' }]);
    h.peers[0]?.setIce('connected');
    expect(h.call.state).toMatchObject({ phase: 'connected', mode: 'video', notice: null });
  });

  it('without a camera it says so and accepts as audio-only', async () => {
    const h = harness(Object.assign(new FakeDevices(), { camera: 'missing' }));
    await incoming(h);
    await h.call.accept(false);
    expect(h.api.asked).toContain('accept call-1 audioOnly');
    expect(h.call.state).toMatchObject({ phase: 'connecting', mode: 'audio', notice: 'audioOnly' });
  });

  it('with neither camera nor microphone it ends the call as media_unavailable and shows why', async () => {
    const h = harness(Object.assign(new FakeDevices(), { camera: 'denied', microphone: 'denied' }));
    await incoming(h);
    await h.call.accept(false);
    expect(h.api.asked.filter((a) => !a.startsWith('live'))).toEqual(['hangUp call-1 media_unavailable']);
    expect(h.peers).toHaveLength(0);
    h.socket.push('call.state', { ...ringing, state: 'ended', endedBy: 'visitor', endReason: 'media_unavailable' });
    await settle();
    expect(h.call.state).toMatchObject({ phase: 'ended', notice: 'noMedia' });
    vi.advanceTimersByTime(4_000);
    expect(h.call.state.phase).toBe('idle');
  });

  it('a connection that stays down for 15 s hangs up with reason network', async () => {
    const h = harness();
    await incoming(h);
    await h.call.accept(false);
    h.socket.push('call.signal', { callId: 'call-1', type: 'offer', sdp: 'offer 1' });
    await settle();
    h.peers[0]?.setIce('connected');
    h.peers[0]?.setIce('disconnected');
    expect(h.call.state.phase).toBe('reconnecting');
    vi.advanceTimersByTime(15_000);
    await settle();
    expect(h.api.asked.at(-1)).toBe('hangUp call-1 network');
  });

  it('a call that ended while the socket was down is closed on reconnect; a new one that rings is shown', async () => {
    const h = harness();
    await incoming(h);
    await h.call.accept(false);
    h.api.live_ = null;
    h.socket.push('connect');
    await settle();
    expect(h.call.state.phase).toBe('idle');
    expect(h.peers[0]?.closed).toBe(true);

    h.api.live_ = { ...ringing, id: 'call-2' };
    h.socket.push('connect');
    await settle();
    expect(h.call.state).toMatchObject({ phase: 'incoming', call: { id: 'call-2' } });
  });

  it('a reconnect during a live call keeps it', async () => {
    const h = harness();
    await incoming(h);
    await h.call.accept(false);
    h.socket.push('connect');
    await settle();
    expect(h.call.state.phase).toBe('connecting');
    expect(h.peers[0]?.closed).toBe(false);
  });
});
