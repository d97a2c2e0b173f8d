import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { RecognitionOptions, RecognitionStream, SpeechRecognizer } from '../speech-recognizer.js';
import { VOICE_SAMPLE_RATE } from '../speech-synthesizer.js';
import { pcm16ToBytes } from '../wav-file.js';
import { SpeechProviderError } from '../voice-errors.js';
import type { AliyunNlsToken } from './aliyun-nls-token.js';

const OK = 20_000_000;

interface NlsMessage {
  header: { namespace?: string; name: string; status?: number; status_text?: string; task_id?: string; message_id?: string };
  payload?: { result?: string };
}

/**
 * 阿里云智能语音交互 一句话识别 (`SpeechRecognizer` namespace) over the NLS WebSocket gateway: `StartRecognition`,
 * binary PCM frames, `StopRecognition`; the gateway answers `RecognitionStarted`, `RecognitionResultChanged`
 * (partials) and `RecognitionCompleted` (the final text), or `TaskFailed`. One utterance per connection: the phone
 * stream cuts utterances with its own VAD.
 */
export class AliyunNlsRecognizer implements SpeechRecognizer {
  readonly provider = 'aliyun';

  constructor(
    private readonly config: { appKey: string; gatewayUrl: string },
    private readonly token: AliyunNlsToken,
  ) {}

  async start(options: RecognitionOptions = {}): Promise<RecognitionStream> {
    const token = await this.token.get();
    const taskId = messageId();
    const socket = new WebSocket(this.config.gatewayUrl, { headers: { 'X-NLS-Token': token }, handshakeTimeout: 10_000 });
    const queued: Buffer[] = [];
    let started = false;
    let settled = false;
    let finishing = false;
    let lastText = '';
    let resolveFinal!: (text: string) => void;
    let rejectFinal!: (err: Error) => void;
    const final = new Promise<string>((resolve, reject) => {
      resolveFinal = resolve;
      rejectFinal = reject;
    });
    final.catch(() => undefined);
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      rejectFinal(new SpeechProviderError(`Aliyun recognition failed: ${message}`));
      socket.terminate();
    };
    const send = (name: string, payload?: Record<string, unknown>): void => {
      socket.send(JSON.stringify({ header: { message_id: messageId(), task_id: taskId, namespace: 'SpeechRecognizer', name, appkey: this.config.appKey }, ...(payload ? { payload } : {}) }));
    };
    socket.on('open', () =>
      send('StartRecognition', { format: 'pcm', sample_rate: VOICE_SAMPLE_RATE, enable_intermediate_result: true, enable_punctuation_prediction: true, enable_inverse_text_normalization: true }),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: NlsMessage;
      try {
        msg = JSON.parse(String(data)) as NlsMessage;
      } catch {
        fail('unreadable message from the gateway');
        return;
      }
      if (msg.header.status !== undefined && msg.header.status !== OK) {
        fail(`${msg.header.status} ${msg.header.status_text ?? ''}`);
        return;
      }
      switch (msg.header.name) {
        case 'RecognitionStarted':
          started = true;
          for (const chunk of queued.splice(0)) socket.send(chunk);
          if (finishing) send('StopRecognition');
          break;
        case 'RecognitionResultChanged':
          lastText = msg.payload?.result ?? lastText;
          options.onPartial?.(lastText);
          break;
        case 'RecognitionCompleted':
          settled = true;
          resolveFinal(msg.payload?.result ?? lastText);
          socket.close(1000);
          break;
        case 'TaskFailed':
          fail(msg.header.status_text ?? 'TaskFailed');
          break;
      }
    });
    socket.on('error', (err) => fail(err.message));
    socket.on('close', () => fail('the gateway closed the connection'));

    return {
      push: (samples) => {
        if (settled || finishing) return;
        const bytes = pcm16ToBytes(samples);
        if (started && socket.readyState === WebSocket.OPEN) socket.send(bytes);
        else queued.push(bytes);
      },
      finish: () => {
        if (!finishing && !settled) {
          finishing = true;
          if (started) send('StopRecognition');
        }
        return final;
      },
      cancel: () => {
        settled = true;
        resolveFinal('');
        socket.terminate();
      },
    };
  }
}

/** NLS ids are 32 hex digits. */
function messageId(): string {
  return randomUUID().replace(/-/g, '');
}
