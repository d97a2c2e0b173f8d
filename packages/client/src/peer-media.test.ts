import { describe, expect, it } from 'vitest';
import { PeerMedia, type PeerSignal } from './peer-media.js';
import { FakeDevices, FakePeerConnection, FakeStream, FakeTrack } from './test-support/fake-peer-connection.js';
import { ManualScheduler, settle } from './test-support/manual-scheduler.js';

/** One party: its media, its fake peer, what it signalled and when it gave up. */
function party(role: 'offerer' | 'answerer', devices = new FakeDevices()) {
  const scheduler = new ManualScheduler();
  const peers: FakePeerConnection[] = [];
  const media = new PeerMedia<FakeTrack, FakeStream>({
    role,
    devices,
    scheduler,
    reconnectGraceMs: 15_000,
    createPeer: (iceServers) => {
      const pc = new FakePeerConnection(iceServers);
      peers.push(pc);
      return pc;
    },
    createStream: () => new FakeStream(),
  });
  const sent: PeerSignal[] = [];
  const events: string[] = [];
  media.on('signal', (s) => sent.push(s));
  media.on('dropped', () => events.push('dropped'));
  media.on('shareFailed', () => events.push('shareFailed'));
  return { media, devices, scheduler, sent, events, pc: () => peers.at(-1) as FakePeerConnection, peers };
}

const ICE = [{ urls: ['stun:127.0.0.1:3478'] }];

describe('a party’s media with fallbacks', () => {
  it('takes camera and microphone when both are granted', async () => {
    const { media, devices } = party('answerer');
    expect(await media.acquire('video')).toBe('video');
    expect(devices.asked).toEqual(['camera+microphone']);
    expect(media.state.localStream?.getTracks().map((t) => t.label)).toEqual(['microphone', 'camera']);
  });

  it('falls back to the microphone alone when the camera is refused or missing', async () => {
    for (const camera of ['denied', 'missing'] as const) {
      const devices = Object.assign(new FakeDevices(), { camera });
      const { media } = party('answerer', devices);
      expect(await media.acquire('video')).toBe('audio');
      expect(devices.asked).toEqual(['camera+microphone', 'microphone']);
      expect(media.state.mode).toBe('audio');
    }
  });

  it('asks only for the microphone for a voice call', async () => {
    const { media, devices } = party('answerer');
    expect(await media.acquire('audio')).toBe('audio');
    expect(devices.asked).toEqual(['microphone']);
  });

  it('gives up with no media when neither is available, or there are no devices at all', async () => {
    const devices = Object.assign(new FakeDevices(), { camera: 'denied', microphone: 'missing' });
    expect(await party('answerer', devices).media.acquire('video')).toBe('none');
    const bare = new PeerMedia<FakeTrack, FakeStream>({ role: 'answerer', devices: undefined, createPeer: () => new FakePeerConnection([]), createStream: () => new FakeStream() });
    expect(await bare.acquire('video')).toBe('none');
  });

  it('stops what it got when the call was closed while the permission prompt was open', async () => {
    const { media } = party('answerer');
    const asking = media.acquire('video');
    media.close();
    expect(await asking).toBe('none');
    expect(media.state.localStream).toBeNull();
  });
});

describe('offer and answer', () => {
  it('the offerer sends camera and microphone on one audio and one video transceiver, and offers at once', async () => {
    const agent = party('offerer');
    await agent.media.acquire('video');
    await agent.media.open(ICE);
    const pc = agent.pc();
    expect(pc.iceServers).toEqual(ICE);
    expect(pc.transceivers.map((t) => `${t.receiver.track.kind}:${t.direction}:${t.sender.track?.label}`)).toEqual(['audio:sendrecv:microphone', 'video:sendrecv:camera']);
    expect(agent.sent).toEqual([{ type: 'offer', sdp: 'offer 1' }]);
    expect(agent.media.state.phase).toBe('connecting');
  });

  it('the offerer without a camera still offers video, to receive the visitor’s', async () => {
    const agent = party('offerer', Object.assign(new FakeDevices(), { camera: 'missing' }));
    await agent.media.acquire('video');
    await agent.media.open(ICE);
    expect(agent.pc().transceivers.map((t) => `${t.receiver.track.kind}:${t.sender.track?.label ?? '-'}`)).toEqual(['audio:microphone', 'video:-']);
  });

  it('the answerer holds an offer and candidates that beat its own accept, and answers with its tracks on the offered transceivers', async () => {
    const visitor = party('answerer');
    await visitor.media.acquire('video');
    await visitor.media.receive({ type: 'ice', candidate: { candidate: 'early', sdpMid: '0', sdpMLineIndex: 0 } });
    await visitor.media.receive({ type: 'offer', sdp: 'offer 1' });
    expect(visitor.peers).toHaveLength(0);
    await visitor.media.open(ICE);
    const pc = visitor.pc();
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'offer 1' });
    expect(visitor.sent).toEqual([{ type: 'answer', sdp: 'answer 1 (audio:sendrecv:microphone, video:sendrecv:camera)' }]);
    expect(pc.addedCandidates.map((c) => c.candidate)).toEqual(['early']);
  });

  it('the offerer holds candidates until the answer, then adds them; later ones go straight in', async () => {
    const agent = party('offerer');
    await agent.media.acquire('video');
    await agent.media.open(ICE);
    await agent.media.receive({ type: 'ice', candidate: { candidate: 'a' } });
    expect(agent.pc().addedCandidates).toEqual([]);
    await agent.media.receive({ type: 'answer', sdp: 'answer 1' });
    await agent.media.receive({ type: 'ice', candidate: { candidate: 'b' } });
    expect(agent.pc().addedCandidates.map((c) => c.candidate)).toEqual(['a', 'b']);
  });

  it('ignores a description meant for the other role (an echoed offer, a stray answer)', async () => {
    const visitor = party('answerer');
    await visitor.media.acquire('video');
    await visitor.media.open(ICE);
    await visitor.media.receive({ type: 'answer', sdp: 'stray' });
    expect(visitor.pc().remoteDescription).toBeNull();
    expect(visitor.sent).toEqual([]);
  });

  it('sends its gathered candidates and adds the remote tracks to one remote stream', async () => {
    const agent = party('offerer');
    await agent.media.acquire('video');
    await agent.media.open(ICE);
    agent.pc().gather('candidate:1 1 udp 1 127.0.0.1 5000 typ host');
    expect(agent.sent.at(-1)).toEqual({ type: 'ice', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    agent.pc().receiveTrack(new FakeTrack('audio', 'their microphone'));
    agent.pc().receiveTrack(new FakeTrack('video', 'their camera'));
    expect(agent.media.state.remoteStream?.getTracks().map((t) => t.label)).toEqual(['their microphone', 'their camera']);
  });

  it('two parties wired through their signals reach a full negotiation', async () => {
    const agent = party('offerer');
    const visitor = party('answerer', Object.assign(new FakeDevices(), { camera: 'denied' }));
    const relay = async () => {
      while (agent.sent.length > 0 || visitor.sent.length > 0) {
        for (const s of agent.sent.splice(0)) await visitor.media.receive(s);
        for (const s of visitor.sent.splice(0)) await agent.media.receive(s);
      }
    };
    await agent.media.acquire('video');
    await visitor.media.acquire('video');
    await agent.media.open(ICE);
    await relay();
    await visitor.media.open(ICE);
    await relay();
    expect(agent.pc().remoteDescription).toEqual({ type: 'answer', sdp: 'answer 1 (audio:sendrecv:microphone, video:sendrecv:-)' });
    // Connected: the audio-only visitor tells the agent it sends no video.
    visitor.pc().setIce('connected');
    agent.pc().setIce('connected');
    await relay();
    expect(agent.media.state.remoteMedia).toEqual({ audio: true, video: false });
    expect(visitor.media.state.remoteMedia).toEqual({ audio: true, video: true });
  });
});

describe('connection state and a dropped network', () => {
  async function connected(role: 'offerer' | 'answerer') {
    const p = party(role);
    await p.media.acquire('video');
    await p.media.open(ICE);
    if (role === 'answerer') await p.media.receive({ type: 'offer', sdp: 'offer 1' });
    p.scheduler.advance(2_000);
    p.pc().setIce('connected');
    return p;
  }

  it('is connected from the first ICE connection, at that moment, and says what it sends', async () => {
    const p = await connected('answerer');
    expect(p.media.state.phase).toBe('connected');
    expect(p.media.state.connectedAt).toBe(2_000);
    expect(p.sent.at(-1)).toEqual({ type: 'media', audio: true, video: true });
  });

  it('a short drop is reconnecting and then connected again, with the same start and no drop', async () => {
    const p = await connected('answerer');
    p.pc().setIce('disconnected');
    expect(p.media.state.phase).toBe('reconnecting');
    p.scheduler.advance(14_000);
    p.pc().setIce('connected');
    p.scheduler.advance(60_000);
    expect(p.media.state).toMatchObject({ phase: 'connected', connectedAt: 2_000 });
    expect(p.events).toEqual([]);
  });

  it('a drop that lasts the grace period is reported once', async () => {
    const p = await connected('answerer');
    p.pc().setIce('disconnected');
    p.scheduler.advance(5_000);
    p.pc().setIce('failed');
    p.scheduler.advance(9_999);
    expect(p.events).toEqual([]);
    p.scheduler.advance(1);
    p.scheduler.advance(60_000);
    expect(p.events).toEqual(['dropped']);
  });

  it('the offerer restarts ICE when the connection failed (a new offer), the answerer waits for it', async () => {
    const agent = await connected('offerer');
    await agent.media.receive({ type: 'answer', sdp: 'answer 1' });
    agent.pc().setIce('failed');
    await settle();
    expect(agent.pc().offerOptions.at(-1)).toEqual({ iceRestart: true });
    expect(agent.sent.at(-1)).toEqual({ type: 'offer', sdp: 'offer 2 restart' });

    const visitor = await connected('answerer');
    const before = visitor.sent.length;
    visitor.pc().setIce('failed');
    await settle();
    expect(visitor.sent.length).toBe(before);
    // The restart offer is answered on the same transceivers.
    await visitor.media.receive({ type: 'offer', sdp: 'offer 2 restart' });
    expect(visitor.sent.at(-1)).toMatchObject({ type: 'answer' });
  });
});

describe('controls', () => {
  async function live(devices = new FakeDevices()) {
    const p = party('offerer', devices);
    await p.media.acquire('video');
    await p.media.open(ICE);
    p.pc().setIce('connected');
    p.sent.length = 0;
    return p;
  }

  it('mute and camera off disable the local tracks and tell the other side', async () => {
    const p = await live();
    p.media.toggleMute();
    p.media.toggleCamera();
    const [audio, video] = p.media.state.localStream?.getTracks() ?? [];
    expect([audio?.enabled, video?.enabled]).toEqual([false, false]);
    expect(p.sent).toEqual([
      { type: 'media', audio: false, video: true },
      { type: 'media', audio: false, video: false },
    ]);
    p.media.toggleMute();
    expect(audio?.enabled).toBe(true);
    expect(p.media.state).toMatchObject({ muted: false, cameraOff: true });
  });

  it('a screen share replaces the camera on the video sender, and the browser’s own stop puts the camera back', async () => {
    const p = await live();
    const sender = p.pc().transceivers[1]?.sender;
    await p.media.toggleShare();
    expect(sender?.track?.label).toBe('screen');
    expect(p.media.state.sharing).toBe(true);
    const screen = sender?.track as FakeTrack;
    screen.end();
    await settle();
    expect(sender?.track?.label).toBe('camera');
    expect(p.media.state.sharing).toBe(false);
    expect(p.sent).toEqual([
      { type: 'screen_share', active: true },
      { type: 'screen_share', active: false },
    ]);
    // No renegotiation: still the one offer.
    expect(p.pc().offerOptions).toHaveLength(1);
  });

  it('stopping the share from the button stops the screen track', async () => {
    const p = await live();
    await p.media.toggleShare();
    const screen = p.pc().transceivers[1]?.sender.track as FakeTrack;
    await p.media.toggleShare();
    expect(screen.stopped).toBe(true);
    expect(p.pc().transceivers[1]?.sender.track?.label).toBe('camera');
  });

  it('a refused screen, or a share before the connection, is reported and changes nothing', async () => {
    const p = await live(Object.assign(new FakeDevices(), { screen: 'denied' }));
    await p.media.toggleShare();
    expect(p.events).toEqual(['shareFailed']);
    expect(p.media.state.sharing).toBe(false);
    expect(p.sent).toEqual([]);
    const early = party('answerer');
    await early.media.toggleShare();
    expect(early.events).toEqual(['shareFailed']);
  });

  it('the other side’s screen share and media switches show in the state', async () => {
    const p = await live();
    await p.media.receive({ type: 'screen_share', active: true });
    await p.media.receive({ type: 'media', audio: true, video: false });
    expect(p.media.state).toMatchObject({ remoteSharing: true, remoteMedia: { audio: true, video: false } });
  });
});

describe('closing', () => {
  it('stops every track and the connection, and is silent afterwards', async () => {
    const p = party('offerer');
    await p.media.acquire('video');
    await p.media.open(ICE);
    await p.media.toggleShare();
    const tracks = [...(p.media.state.localStream?.getTracks() ?? []), p.pc().transceivers[1]?.sender.track as FakeTrack];
    const changes: string[] = [];
    p.media.on('change', (s) => changes.push(s.phase));
    p.pc().setIce('disconnected');
    p.media.close();
    expect(tracks.every((t) => t.stopped)).toBe(true);
    expect(p.pc().closed).toBe(true);
    expect(p.media.state.phase).toBe('closed');
    const sentBefore = p.sent.length;
    p.scheduler.advance(60_000);
    await p.media.receive({ type: 'answer', sdp: 'late' });
    p.media.toggleMute();
    expect(p.events).toEqual([]);
    expect(p.sent.length).toBe(sentBefore);
    expect(changes).toEqual(['reconnecting']);
  });
});
