import { FakeDevices, FakePeerConnection, FakeStream } from '@zhida/client/test-support/fake-peer-connection';
import { FakeSocket } from '@zhida/client/test-support/fake-socket';
import { settle } from '@zhida/client/test-support/manual-scheduler';
import { describe, expect, it } from 'vitest';
import type { AgentSocket } from '../realtime/agent-socket-context.js';
import { AgentCall } from './agent-call.js';
import type { CallApi } from './call-api.js';
import type { CallDto, JoinedCall } from './call-types.js';

const ringing: CallDto = { id: 'call-1', conversationId: 'conv-1', kind: 'video', state: 'ringing', startedBy: 'agent-1', createdAt: '2026-12-07T16:00:00.000Z', ringDeadline: '2026-12-07T16:00:45.000Z', connectedAt: null, endedAt: null, durationSeconds: null, endedBy: null, endReason: null, recordingAllowed: false };
const connected: CallDto = { ...ringing, state: 'connected', connectedAt: '2026-12-07T16:00:05.000Z' };
const ICE = [{ urls: ['stun:127.0.0.1:3478'] }];

/** The agent's call routes in memory. */
class FakeCallApi implements Pick<CallApi, 'start' | 'list' | 'hangUp' | 'uploadRecording'> {
  readonly asked: string[] = [];
  calls: CallDto[] = [ringing];
  async start(conversationId: string): Promise<JoinedCall> {
    this.asked.push(`start ${conversationId}`);
    return { call: ringing, iceServers: ICE };
  }
  async list(conversationId: string): Promise<{ items: CallDto[] }> {
    this.asked.push(`list ${conversationId}`);
    return { items: this.calls };
  }
  async hangUp(callId: string, reason: 'hangup' | 'network' | 'media_unavailable' = 'hangup'): Promise<CallDto> {
    this.asked.push(`hangUp ${callId} ${reason}`);
    return { ...connected, state: 'ended' };
  }
  async uploadRecording(): Promise<{ id: string; size: number }> {
    throw new Error('no recording without consent');
  }
}

function harness() {
  const api = new FakeCallApi();
  const socket = new FakeSocket();
  const peers: FakePeerConnection[] = [];
  // The browser's types stand for the fakes, which implement the slices PeerMedia uses.
  const call = new AgentCall(api, socket as unknown as AgentSocket, new FakeDevices() as unknown as MediaDevices, {
    createPeer: (iceServers) => {
      const pc = new FakePeerConnection(iceServers);
      peers.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    createStream: () => new FakeStream() as unknown as MediaStream,
  });
  return { api, socket, call, peers };
}

describe('the agent’s side of a call', () => {
  it('rings, and offers on the shared peer media once the visitor accepted', async () => {
    const h = harness();
    await h.call.start('conv-1');
    expect(h.call.state).toMatchObject({ phase: 'ringing', mode: 'video', error: null });
    expect(h.peers).toHaveLength(0);
    h.socket.push('call.state', connected);
    await settle();
    expect(h.peers[0]?.iceServers).toEqual(ICE);
    expect(h.socket.emitted).toEqual([{ event: 'call.signal', callId: 'call-1', type: 'offer', sdp: 'offer 1' }]);
    h.socket.push('call.signal', { callId: 'call-1', type: 'answer', sdp: 'answer 1' });
    await settle();
    expect(h.peers[0]?.remoteDescription).toEqual({ type: 'answer', sdp: 'answer 1' });
    h.peers[0]?.setIce('connected');
    expect(h.call.state.phase).toBe('connected');
  });

  it('an end pushed while its socket was down is applied on reconnect', async () => {
    const h = harness();
    await h.call.start('conv-1');
    h.socket.push('call.state', connected);
    await settle();
    h.api.calls = [{ ...connected, state: 'failed', endReason: 'network', endedBy: 'visitor', durationSeconds: 40 }];
    h.socket.push('connect');
    await settle();
    expect(h.api.asked).toContain('list conv-1');
    expect(h.call.state).toMatchObject({ phase: 'ended', call: { state: 'failed', endReason: 'network' } });
    expect(h.peers[0]?.closed).toBe(true);
  });

  it('an accept missed while its socket was down starts the offer on reconnect; an unchanged call is left alone', async () => {
    const h = harness();
    await h.call.start('conv-1');
    h.socket.push('connect');
    await settle();
    expect(h.peers).toHaveLength(0);
    h.api.calls = [connected];
    h.socket.push('connect');
    await settle();
    expect(h.peers).toHaveLength(1);
    h.socket.push('connect');
    await settle();
    expect(h.peers).toHaveLength(1);
  });
});
