import { describe, expect, it } from 'vitest';
import { HoldToTalkController, type HoldToTalkState, type Recorder, type Recording } from './hold-to-talk-controller.js';
import type { Message } from './message-schema.js';
import { messageFixture } from './test-support/message-fixture.js';
import type { SpokenMessage, VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const SESSION: VisitorSession = { conversationId: 'c-1', visitorToken: 'vt' };

/** A microphone that "records" a given number of seconds of a 48 kHz tone, or refuses as getUserMedia would. */
class FakeRecorder implements Recorder {
  opens = 0;
  open = false;
  seconds = 2;
  refuse: string | null = null;
  gate: Promise<void> = Promise.resolve();

  async start(): Promise<void> {
    this.opens++;
    await this.gate;
    if (this.refuse) throw new DOMException('refused', this.refuse);
    this.open = true;
  }

  stop(): Recording {
    this.open = false;
    return { chunks: [Float32Array.from({ length: 48_000 * this.seconds }, (_, i) => 0.3 * Math.sin(i / 10))], sampleRate: 48_000 };
  }

  cancel(): void {
    this.open = false;
  }
}

function setUp(answer: (wav: Blob) => Promise<SpokenMessage> = async () => ({ transcript: '运费是多少', message: messageFixture({ seq: 3, senderType: 'visitor', text: '运费是多少', meta: { mark: '🎤' } }), replies: [messageFixture({ seq: 4, text: '满99包邮' })] })) {
  const recorder = new FakeRecorder();
  const uploads: { wav: Blob; clientMsgId: string }[] = [];
  const received: Message[][] = [];
  const states: HoldToTalkState[] = [];
  const talk = new HoldToTalkController({
    recorder,
    api: {
      sendVoice: async (_session, recording) => {
        uploads.push(recording);
        return answer(recording.wav);
      },
    },
    session: async () => SESSION,
    received: (messages) => received.push(messages),
    newId: () => `id-${uploads.length + 1}`,
  });
  talk.subscribe((s) => states.push(s));
  return { talk, recorder, uploads, received, states };
}

describe('hold-to-talk', () => {
  it('records while held and uploads a 16 kHz WAV on release; the transcript and the replies reach the chat', async () => {
    const { talk, recorder, uploads, received, states } = setUp();
    await talk.press();
    expect(talk.state.phase).toBe('recording');
    expect(recorder.open).toBe(true);
    await talk.release();
    expect(recorder.open).toBe(false);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.wav.type).toBe('audio/wav');
    expect(uploads[0]!.wav.size).toBe(44 + 16_000 * 2 * 2);
    expect(received[0]!.map((m) => [m.seq, m.text])).toEqual([
      [3, '运费是多少'],
      [4, '满99包邮'],
    ]);
    expect(states.map((s) => s.phase)).toEqual(['idle', 'starting', 'recording', 'sending', 'idle']);
    expect(talk.state.notice).toBeNull();
  });

  it('opens the microphone only when pressed, never before', async () => {
    const { talk, recorder } = setUp();
    expect(recorder.opens).toBe(0);
    await talk.press();
    expect(recorder.opens).toBe(1);
  });

  it('sends nothing when the pointer slides away, or for a tap that is too short to be speech', async () => {
    const { talk, recorder, uploads } = setUp();
    await talk.press();
    talk.cancel();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'cancelled' });
    recorder.seconds = 0.3;
    await talk.press();
    await talk.release();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'too_short' });
    expect(uploads).toHaveLength(0);
  });

  it('a release while the permission prompt is still up records nothing and leaves the microphone closed', async () => {
    const { talk, recorder, uploads } = setUp();
    let grant!: () => void;
    recorder.gate = new Promise((resolve) => (grant = resolve));
    const pressing = talk.press();
    expect(talk.state.phase).toBe('starting');
    await talk.release();
    grant();
    await pressing;
    expect(talk.state).toEqual({ phase: 'idle', notice: null });
    expect(recorder.open).toBe(false);
    expect(uploads).toHaveLength(0);
  });

  it('says why when the microphone is refused or missing', async () => {
    const { talk, recorder } = setUp();
    recorder.refuse = 'NotAllowedError';
    await talk.press();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'permission_denied' });
    recorder.refuse = 'NotFoundError';
    await talk.press();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'no_microphone' });
  });

  it('shows 语音识别未配置 for the server’s asr_not_configured, and 没听清 for a recording with no speech', async () => {
    let code = 'asr_not_configured';
    const { talk, received } = setUp(async () => {
      throw new WidgetApiError(code, code === 'asr_not_configured' ? 409 : 400, 'no');
    });
    await talk.press();
    await talk.release();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'asr_not_configured' });
    code = 'unreadable_audio';
    await talk.press();
    await talk.release();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'not_heard' });
    code = 'network_error';
    await talk.press();
    await talk.release();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'failed' });
    expect(received).toHaveLength(0);
  });

  it('knows the API error thrown by widget.js’s own copy of the class (it runs in widget-on-demand.js)', async () => {
    /** Another bundle's WidgetApiError: same name and shape, a different class. */
    class OtherBundleError extends Error {
      override readonly name = 'WidgetApiError';
      constructor(readonly code: string) {
        super(code);
      }
    }
    const { talk } = setUp(async () => {
      throw new OtherBundleError('asr_not_configured');
    });
    await talk.press();
    await talk.release();
    expect(talk.state).toEqual({ phase: 'idle', notice: 'asr_not_configured' });
  });
});
