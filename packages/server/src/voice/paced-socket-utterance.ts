import WebSocket from 'ws';
import { RealtimePacer } from './realtime-pacer.js';
import type { RecognitionStream } from './speech-recognizer.js';
import { SpeechProviderError } from './voice-errors.js';
import { pcm16ToBytes } from './wav-file.js';

/**
 * One utterance streamed to a cloud recogniser's WebSocket at real-time pace (Tencent, iFlytek): the final transcript
 * settles once — by `succeed`, or by `fail` on a refused handshake, a socket error, an early close or a message the
 * adapter could not accept. The adapter keeps only its protocol: how a frame is sent and how a result is read.
 * @example const utterance = new PacedSocketUtterance(socket, 'Tencent', (frame) => socket.send(frame)); socket.on('message', …); return utterance.stream();
 */
export class PacedSocketUtterance {
  readonly pacer: RealtimePacer;
  private settled = false;
  private resolveFinal!: (text: string) => void;
  private rejectFinal!: (err: Error) => void;
  private readonly final: Promise<string>;

  constructor(
    private readonly socket: WebSocket,
    private readonly provider: string,
    sendFrame: (frame: Buffer, last: boolean) => void,
  ) {
    this.final = new Promise<string>((resolve, reject) => {
      this.resolveFinal = resolve;
      this.rejectFinal = reject;
    });
    this.final.catch(() => undefined);
    this.pacer = new RealtimePacer((frame, last) => {
      if (socket.readyState === WebSocket.OPEN) sendFrame(frame, last);
    });
    socket.on('unexpected-response', (_req, res) => this.fail(`handshake refused with HTTP ${res.statusCode}`));
    socket.on('error', (err) => this.fail(err.message));
    socket.on('close', () => this.fail('the service closed the connection'));
  }

  /** The service gave its last result. */
  succeed(transcript: string): void {
    this.settled = true;
    this.resolveFinal(transcript);
    this.socket.close(1000);
  }

  fail(message: string): void {
    if (this.settled) return;
    this.settled = true;
    this.pacer.cancel();
    this.rejectFinal(new SpeechProviderError(`${this.provider} recognition failed: ${message}`));
    this.socket.terminate();
  }

  /** What the voice channels hold: audio in, the final transcript out, or the utterance dropped. */
  stream(): RecognitionStream {
    return {
      push: (samples) => this.pacer.push(pcm16ToBytes(samples)),
      finish: () => {
        if (!this.settled) void this.pacer.end();
        return this.final;
      },
      cancel: () => {
        this.settled = true;
        this.pacer.cancel();
        this.resolveFinal('');
        this.socket.terminate();
      },
    };
  }
}
