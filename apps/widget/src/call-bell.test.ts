import { FakeSocket } from '@zhida/client/test-support/fake-socket';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Call } from './call-api-client.js';
import { CallBell } from './call-bell.js';
import { settle } from './test-support/manual-scheduler.js';
import type { OnDemandCall } from './widget-on-demand.js';
import type { VisitorSession } from './widget-api-client.js';

const SESSION: VisitorSession = { conversationId: 'conv-1', visitorToken: 'token-1' };
const ringing: Call = { id: 'call-1', conversationId: 'conv-1', kind: 'video', state: 'ringing', durationSeconds: null, endedBy: null, endReason: null };

/** The loaded call as the bell drives it: which sockets it was given and which states it was told. */
class LoadedCall implements OnDemandCall {
  readonly sockets: unknown[] = [];
  readonly states: string[] = [];
  attach(socket: Socket): void {
    this.sockets.push(socket);
  }
  async received(call: Call): Promise<void> {
    this.states.push(`${call.id} ${call.state}`);
  }
}

function harness(live: Call | null = null) {
  const loaded = new LoadedCall();
  const asked: string[] = [];
  let failures = 0;
  let loads = 0;
  let release: (() => void) | null = null;
  const h = {
    loaded,
    asked,
    socket: new FakeSocket(),
    /** Set to make the next loads fail (the script is unreachable) or wait for `release`. */
    mode: 'ok' as 'ok' | 'fail' | 'gated',
    get loads() {
      return loads;
    },
    get failures() {
      return failures;
    },
    release: () => release?.(),
    bell: null as unknown as CallBell,
  };
  h.bell = new CallBell(
    {
      live: async () => {
        asked.push('live');
        return { call: live, recordingEnabled: false };
      },
    },
    async () => {
      loads++;
      if (h.mode === 'fail') throw new Error('cannot load widget-on-demand.js');
      if (h.mode === 'gated') await new Promise<void>((resolve) => (release = resolve));
      return loaded;
    },
    () => failures++,
  );
  h.bell.attach(h.socket as unknown as Socket, SESSION);
  return h;
}

describe('the call bell in the main bundle', () => {
  it('loads nothing while no call rings: a connect finds none, other states are ignored', async () => {
    const h = harness(null);
    h.socket.push('connect');
    h.socket.push('call.state', { ...ringing, state: 'ended' });
    await settle();
    expect(h.asked).toEqual(['live']);
    expect(h.loads).toBe(0);
  });

  it('loads the call once when an invite rings, hands it the socket and replays the ringing state', async () => {
    const h = harness();
    h.socket.push('call.state', ringing);
    h.socket.push('call.state', ringing);
    await settle();
    expect(h.loads).toBe(1);
    expect(h.loaded.sockets).toEqual([h.socket]);
    expect(h.loaded.states).toEqual(['call-1 ringing']);
    // Once loaded, the call hears the socket itself; a reconnect's new socket goes straight to it.
    h.socket.push('call.state', { ...ringing, state: 'ended' });
    const next = new FakeSocket();
    h.bell.attach(next as unknown as Socket, SESSION);
    expect(h.loaded.states).toEqual(['call-1 ringing']);
    expect(h.loaded.sockets).toEqual([h.socket, next]);
  });

  it('loads when a call is found ringing on connect (it rang while the socket was down)', async () => {
    const h = harness(ringing);
    h.socket.push('connect');
    await settle();
    expect(h.loads).toBe(1);
    expect(h.loaded.states).toEqual(['call-1 ringing']);
  });

  it('replays the newest state seen while loading, so a call that ended meanwhile does not ring', async () => {
    const h = harness();
    h.mode = 'gated';
    h.socket.push('call.state', ringing);
    h.socket.push('call.state', { ...ringing, state: 'missed' });
    h.release();
    await settle();
    expect(h.loads).toBe(1);
    expect(h.loaded.states).toEqual(['call-1 missed']);
  });

  it('says so when the call cannot be loaded, and tries again at the next invite', async () => {
    const h = harness();
    h.mode = 'fail';
    h.socket.push('call.state', ringing);
    await settle();
    expect(h.failures).toBe(1);
    expect(h.loaded.sockets).toEqual([]);
    h.mode = 'ok';
    h.socket.push('call.state', { ...ringing, id: 'call-2' });
    await settle();
    expect(h.loads).toBe(2);
    expect(h.loaded.states).toEqual(['call-2 ringing']);
  });
});
