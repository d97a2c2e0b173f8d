import type { ConversationService } from '../conversations/conversation-service.js';
import type { MessageDto } from '../conversations/conversation-dto.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEvents } from '../events/domain-events.js';
import { AppError } from '../errors/app-error.js';
import type { TenantRepository } from '../tenancy/tenant-repository.js';
import { bridgeInbound, MAX_MEDIA_BYTES, type BridgeInbound, type BridgeMediaFormat, type BridgeOutbound } from './bridge-message.js';
import { DtmfCollector } from './dtmf-collector.js';
import { mulawToPcm16, pcm16ToMulaw } from './mulaw.js';
import { resamplePcm16 } from './resample-pcm16.js';
import type { RecognitionStream } from './speech-recognizer.js';
import { VOICE_SAMPLE_RATE } from './speech-synthesizer.js';
import { spokenMeta } from './spoken-message.js';
import { VoiceActivityDetector, type VoiceActivityOptions } from './voice-activity-detector.js';
import type { VoiceProviders } from './voice-providers.js';
import { pcm16FromBytes, pcm16ToBytes } from './wav-file.js';

export interface VoiceCallDeps {
  tenants: TenantRepository;
  conversations: ConversationService;
  providers: VoiceProviders;
  events: DomainEvents;
  transferTarget: (ctx: { tenantId: string }, conversationId: string) => Promise<{ queue: string | null; agent: string | null }>;
  log: { warn(obj: object, msg: string): void };
  vad?: Omit<VoiceActivityOptions, 'sampleRate'>;
  dtmfInterDigitMs?: number;
}

/** Audio is sent to the bridge in frames of this length. */
const AUDIO_FRAME_MS = 100;

/**
 * One phone or smart-speaker call on the media stream: the caller's audio is cut into utterances by VAD, recognised,
 * and posted to the call's conversation like any visitor message; the replies go back as text and TTS audio. Speech
 * over our audio stops it (barge-in, `clear`); keypad digits are posted as the visitor's text, which is how the SMS-code
 * step of a flow takes a code; a handoff becomes a `transfer` the bridge acts on. Every bad frame is answered with an
 * `error` event and the call goes on.
 */
export class VoiceCall {
  private format: BridgeMediaFormat | null = null;
  private ctx: { tenantId: string; visitorId: string } | null = null;
  private conversationId: string | null = null;
  private vad: VoiceActivityDetector | null = null;
  private utterance: { stream: Promise<RecognitionStream | null>; samples: Int16Array[] } | null = null;
  private turns: Promise<void> = Promise.resolve();
  private playback: AbortController | null = null;
  private playingUntil = 0;
  private readonly dtmf: DtmfCollector;
  private readonly unsubscribe: (() => void)[] = [];
  private closed = false;
  private asrMissingTold = false;
  private transferred = false;
  private utteranceCount = 0;

  constructor(
    private readonly tenantId: string,
    private readonly deps: VoiceCallDeps,
    private readonly send: (message: BridgeOutbound) => void,
  ) {
    this.dtmf = new DtmfCollector((entry) => this.enqueue(() => this.postText(entry.digits, { input: 'dtmf', mark: '⌨' })), deps.dtmfInterDigitMs);
  }

  /** A text frame from the bridge. */
  onText(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.error('malformed_frame', 'A text frame must be one JSON object');
    }
    const parsed = bridgeInbound.safeParse(json);
    if (!parsed.success) {
      const event = (json as { event?: unknown } | null)?.event;
      return typeof event === 'string' && !['start', 'media', 'dtmf', 'mark', 'stop'].includes(event)
        ? this.error('unknown_event', `Unknown event "${event.slice(0, 40)}"`)
        : this.error('malformed_frame', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 300));
    }
    this.handle(parsed.data);
  }

  /** A binary frame: raw audio in the call's format. */
  onBinary(bytes: Buffer): void {
    this.media(bytes);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dtmf.close();
    this.playback?.abort();
    void this.utterance?.stream.then((s) => s?.cancel());
    this.utterance = null;
    for (const off of this.unsubscribe) off();
  }

  private handle(message: BridgeInbound): void {
    switch (message.event) {
      case 'start':
        if (this.format) return this.error('already_started', 'This call has already started');
        this.format = message.media;
        this.vad = new VoiceActivityDetector({ sampleRate: VOICE_SAMPLE_RATE, ...this.deps.vad });
        this.enqueue(() => this.start(message.callId, message.channel, message.from));
        return;
      case 'media': {
        const bytes = Buffer.from(message.payload, 'base64');
        return this.media(bytes);
      }
      case 'dtmf':
        if (!this.format) return this.error('not_started', 'Send start before dtmf');
        this.dtmf.press(message.digit);
        return;
      case 'mark':
        this.playingUntil = 0;
        return;
      case 'stop':
        this.endUtterance();
        this.close();
        return;
    }
  }

  private media(bytes: Buffer): void {
    if (!this.format || !this.vad) return this.error('not_started', 'Send start before media');
    if (bytes.length > MAX_MEDIA_BYTES) return this.error('frame_too_large', `A media frame holds at most ${MAX_MEDIA_BYTES} bytes`);
    if (this.format.encoding === 'pcm16' && bytes.length % 2 !== 0) return this.error('malformed_frame', 'PCM16 audio has an even number of bytes');
    const samples = this.format.encoding === 'mulaw' ? resamplePcm16(mulawToPcm16(bytes), 8000, VOICE_SAMPLE_RATE) : pcm16FromBytes(bytes);
    for (const event of this.vad.push(samples)) {
      if (event.type === 'speech_start') this.beginUtterance(event.audio);
      else if (event.type === 'speech') this.continueUtterance(event.audio);
      else this.endUtterance();
    }
  }

  private beginUtterance(lead: Int16Array): void {
    if (this.playback || Date.now() < this.playingUntil) {
      // Barge-in: the caller speaks over our audio; the bridge drops what it has queued.
      this.playback?.abort();
      this.playback = null;
      this.playingUntil = 0;
      this.send({ event: 'clear' });
    }
    const stream = this.openRecognition();
    this.utterance = { stream, samples: [lead] };
    void stream.then((s) => s?.push(lead));
  }

  private continueUtterance(audio: Int16Array): void {
    const utterance = this.utterance;
    if (!utterance) return;
    utterance.samples.push(audio);
    void utterance.stream.then((s) => s?.push(audio));
  }

  private async openRecognition(): Promise<RecognitionStream | null> {
    if (!this.ctx) return null;
    try {
      const recognizer = await TenantScope.asTenant(this.tenantId, () => this.deps.providers.recognizer(this.ctx!));
      if (!recognizer) {
        if (!this.asrMissingTold) this.error('asr_not_configured', '语音识别未配置: keypad input and spoken replies still work');
        this.asrMissingTold = true;
        return null;
      }
      return await recognizer.start({ onPartial: (text) => this.send({ event: 'transcript', final: false, text }) });
    } catch (err) {
      this.error(codeOf(err), (err as Error).message);
      return null;
    }
  }

  private endUtterance(): void {
    const utterance = this.utterance;
    this.utterance = null;
    if (!utterance) return;
    const n = ++this.utteranceCount;
    this.enqueue(async () => {
      const stream = await utterance.stream;
      if (!stream) return;
      let text: string;
      try {
        text = (await stream.finish()).trim();
      } catch (err) {
        return this.error(codeOf(err), (err as Error).message);
      }
      this.send({ event: 'transcript', final: true, text });
      if (!text) return;
      await this.postText(text, { ...spokenMeta(concat(utterance.samples)) }, `voice:${n}`);
    });
  }

  private async start(callId: string, channel: 'phone' | 'speaker', from: string | undefined): Promise<void> {
    const tenant = await TenantScope.asSystem(() => this.deps.tenants.findById(this.tenantId));
    if (!tenant) return this.error('not_found', 'Tenant not found');
    const started = await this.deps.conversations.startForVisitor(tenant.slug, from ? { name: `来电 ${from}` } : {}, 'zh-CN', channel);
    if (this.closed) return;
    this.ctx = { tenantId: this.tenantId, visitorId: started.visitor.id };
    this.conversationId = started.conversationId;
    this.send({ event: 'started', callId, conversationId: started.conversationId });
    // An agent who took the call over speaks through TTS too; a conversation closed by the agent ends the call.
    this.unsubscribe.push(
      this.deps.events.on('message.created', ({ tenantId, message }) => {
        if (tenantId === this.tenantId && message.conversationId === this.conversationId && message.senderType === 'agent' && !message.internal) this.enqueue(() => this.speak([message]));
      }),
      this.deps.events.on('conversation.updated', ({ tenantId, conversation }) => {
        if (tenantId === this.tenantId && conversation.id === this.conversationId && conversation.status === 'closed') this.send({ event: 'hangup', reason: 'conversation_closed' });
      }),
    );
    await this.speak(started.messages);
  }

  private async postText(text: string, meta: Record<string, unknown>, clientMsgId = `dtmf:${Date.now()}`): Promise<void> {
    if (!this.ctx || !this.conversationId) return this.error('not_started', 'The call has not started');
    const ctx = this.ctx;
    const conversationId = this.conversationId;
    let replies: MessageDto[];
    try {
      replies = (await TenantScope.asTenant(this.tenantId, () => this.deps.conversations.postFromVisitor(ctx, conversationId, text, `${clientMsgId}:${conversationId.slice(0, 8)}`, meta))).replies;
    } catch (err) {
      return this.error(codeOf(err), (err as Error).message);
    }
    await this.speak(replies);
    const handoff = replies.find((r) => r.meta.kind === 'handoff');
    if (handoff && !this.transferred) {
      const conversation = await TenantScope.asTenant(this.tenantId, () => this.deps.conversations.get(ctx, conversationId));
      if (conversation.handoff) {
        this.transferred = true;
        const reason = (handoff.meta.handoff as { reason?: string } | undefined)?.reason ?? 'user_request';
        const target = await TenantScope.asTenant(this.tenantId, () => this.deps.transferTarget(ctx, conversationId));
        this.send({ event: 'transfer', conversationId, reason, ...target });
      }
    }
  }

  /** Each message as text, then as audio frames in the call's codec, sent as they are synthesised. */
  private async speak(messages: readonly MessageDto[]): Promise<void> {
    for (const message of messages) {
      if (this.closed) return;
      this.send({ event: 'reply', text: message.text, seq: message.seq, sender: message.senderType === 'agent' ? 'agent' : 'bot' });
      const controller = new AbortController();
      this.playback = controller;
      try {
        const synthesizer = await TenantScope.asTenant(this.tenantId, () => this.deps.providers.synthesizer(this.ctx ?? { tenantId: this.tenantId }));
        let pending: Int16Array = new Int16Array(0);
        const frame = (VOICE_SAMPLE_RATE * AUDIO_FRAME_MS) / 1000;
        for await (const chunk of synthesizer.synthesize(message.text, { signal: controller.signal })) {
          if (controller.signal.aborted) break;
          pending = concat([pending, chunk]);
          while (pending.length >= frame) {
            this.sendAudio(pending.subarray(0, frame), message.seq);
            pending = pending.slice(frame);
          }
        }
        if (!controller.signal.aborted && pending.length) this.sendAudio(pending, message.seq);
        if (!controller.signal.aborted) this.send({ event: 'mark', name: `reply:${message.seq}` });
      } catch (err) {
        if (!controller.signal.aborted) this.error(codeOf(err), (err as Error).message);
      } finally {
        if (this.playback === controller) this.playback = null;
      }
      if (controller.signal.aborted) return;
    }
  }

  private sendAudio(samples: Int16Array, seq: number): void {
    const bytes = this.format?.encoding === 'mulaw' ? Buffer.from(pcm16ToMulaw(resamplePcm16(samples, VOICE_SAMPLE_RATE, 8000))) : pcm16ToBytes(samples);
    // The bridge plays in real time: until then a caller's speech is a barge-in.
    this.playingUntil = Math.max(this.playingUntil, Date.now()) + (samples.length / VOICE_SAMPLE_RATE) * 1000;
    this.send({ event: 'audio', payload: bytes.toString('base64'), seq });
  }

  /** Turns run one at a time, in order, so replies never interleave; a failed turn does not stop the next. */
  private enqueue(turn: () => Promise<void>): void {
    this.turns = this.turns.then(turn).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'voice call turn failed');
      this.error('internal_error', 'This turn failed; the call goes on');
    });
  }

  private error(code: string, message: string): void {
    this.send({ event: 'error', code, message });
  }
}

function codeOf(err: unknown): string {
  return err instanceof AppError ? err.code : 'internal_error';
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
