import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import { messageDtoSchema } from '../conversations/conversation-dto.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { BadRequestError, NotFoundError } from '../errors/app-error.js';
import { clientMsgIdSchema, idParamsSchema } from '../http/common-schemas.js';
import { assertProviderAllowed } from '../privacy/mainland-provider-policy.js';
import type { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { postSpoken, recogniseRecording, spokenMeta } from './spoken-message.js';
import { VOICE_SAMPLE_RATE } from './speech-synthesizer.js';
import { resamplePcm16 } from './resample-pcm16.js';
import { parseWav, wavOf } from './wav-file.js';
import { SpeechRecognitionNotConfiguredError, UnreadableAudioError } from './voice-errors.js';
import type { VoiceProviders } from './voice-providers.js';
import { voiceSettingsDto, voiceSettingsInput, type StoredVoiceSettings, type VoiceSettingsDto } from './voice-settings.js';
import { changeVoiceSettings } from './voice-settings-change.js';
import type { VoiceSettingsRepository } from './voice-settings-repository.js';

/** 60 s of 16 kHz mono PCM16 and its header: a hold-to-talk message is a sentence or two. */
const MAX_RECORDING_BYTES = 60 * VOICE_SAMPLE_RATE * 2 + 1024;
const MIN_RECORDING_SECONDS = 0.2;

function dto(voice: StoredVoiceSettings, mainlandProvidersOnly: boolean): VoiceSettingsDto {
  const { aliyun: a, tencent: t, iflytek: i } = voice;
  return {
    recognizer: voice.recognizer,
    synthesizer: voice.synthesizer,
    aliyun: a ? { appKey: a.appKey, accessKeyId: a.accessKeyId, accessKeySecretSet: a.accessKeySecret !== null, tokenUrl: a.tokenUrl, gatewayUrl: a.gatewayUrl, ttsUrl: a.ttsUrl, voice: a.voice } : null,
    tencent: t ? { appId: t.appId, secretId: t.secretId, secretKeySet: t.secretKey !== null, asrUrl: t.asrUrl, ttsUrl: t.ttsUrl, engine: t.engine, voiceType: t.voiceType } : null,
    iflytek: i ? { appId: i.appId, apiKey: i.apiKey, apiSecretSet: i.apiSecret !== null, iatUrl: i.iatUrl, ttsUrl: i.ttsUrl, voice: i.voice } : null,
    mainlandProvidersOnly,
  };
}

const PROVIDER_NEEDS = {
  aliyun: 'Aliyun needs an AppKey, an AccessKey id and its secret',
  tencent: 'Tencent Cloud needs an AppID, a SecretId and its SecretKey',
  iflytek: 'iFlytek needs an APPID, an APIKey and its APISecret',
} as const;

/**
 * `GET|PUT /settings/voice` (admin): the tenant's recogniser and synthesiser. Widget voice (visitor):
 * `POST /widget/conversations/:id/voice` takes a WAV recording, transcribes it and posts the text through the bot;
 * `GET /widget/conversations/:id/messages/:seq/speech` speaks one of the bot's messages of that conversation.
 */
export const voiceRoutes: FastifyPluginAsyncZod<{ settings: VoiceSettingsRepository; providers: VoiceProviders; conversations: ConversationService; guard: SsrfGuard; audit: AuditLog }> = async (
  app,
  { settings, providers, conversations, guard, audit },
) => {
  const voicePerVisitor = app.rateLimits.limiter('widget.voice_per_visitor', 20, 60_000);
  const speechPerVisitor = app.rateLimits.limiter('widget.speech_per_visitor', 60, 60_000);
  // Only this plugin reads audio bodies.
  app.addContentTypeParser(['audio/wav', 'audio/x-wav', 'audio/wave'], { parseAs: 'buffer', bodyLimit: MAX_RECORDING_BYTES }, (_req, body, done) => done(null, body));

  app.get('/settings/voice', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], response: { 200: voiceSettingsDto } },
    handler: async (req) => {
      const { voice, mainlandProvidersOnly } = await settings.get(staffOf(req));
      return dto(voice, mainlandProvidersOnly);
    },
  });

  app.put('/settings/voice', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], body: voiceSettingsInput, response: { 200: voiceSettingsDto } },
    handler: async (req) => {
      const staff = staffOf(req);
      const current = await settings.get(staff);
      const change = changeVoiceSettings(current.voice, req.body, (secret) => settings.seal(staff, secret));
      if (change.incomplete) throw new BadRequestError(PROVIDER_NEEDS[change.incomplete], 'voice_provider_incomplete');
      // Decided on the names first: a host abroad is never resolved while the tenant keeps data in the mainland.
      for (const url of change.endpoints) assertProviderAllowed(current, url);
      for (const url of change.endpoints) {
        try {
          await guard.check(url.replace(/^ws(s?):/, 'http$1:'));
        } catch (err) {
          throw new BadRequestError(`The speech endpoint is refused: ${(err as Error).message}`, 'voice_endpoint_refused');
        }
      }
      const { next } = change;
      await settings.put(staff, next);
      await audit.record({
        tenantId: staff.tenantId,
        ...auditActor(staff),
        action: 'settings.voice_changed',
        objectType: 'tenant',
        objectId: staff.tenantId,
        detail: {
          recognizer: next.recognizer,
          synthesizer: next.synthesizer,
          aliyunAppKey: next.aliyun?.appKey ?? null,
          tencentAppId: next.tencent?.appId ?? null,
          iflytekAppId: next.iflytek?.appId ?? null,
          secretChanged: change.secretsChanged.length > 0,
          secretsChanged: change.secretsChanged,
        },
      });
      return dto(next, current.mainlandProvidersOnly);
    },
  });

  app.post('/widget/conversations/:id/voice', {
    config: { auth: 'visitor' },
    bodyLimit: MAX_RECORDING_BYTES,
    schema: {
      tags: ['widget'],
      consumes: ['audio/wav'],
      description: 'A hold-to-talk recording as a 16-bit PCM WAV file (any rate, mono); `clientMsgId` makes a retry safe.',
      params: idParamsSchema,
      querystring: z.strictObject({ clientMsgId: clientMsgIdSchema }),
      response: { 201: z.object({ transcript: z.string(), message: messageDtoSchema, replies: z.array(messageDtoSchema) }), 200: z.object({ transcript: z.string(), message: messageDtoSchema, replies: z.array(messageDtoSchema) }) },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await voicePerVisitor.hit(visitor.visitorId);
      // Before any audio work: a stranger's conversation is a 404 whatever the body.
      await conversations.messages(visitor, req.params.id, 0, 1);
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw new UnreadableAudioError('Send the recording as audio/wav');
      const wav = parseWav(body);
      if (!wav) throw new UnreadableAudioError('The recording is not a 16-bit PCM WAV file');
      if (wav.samples.length < wav.sampleRate * MIN_RECORDING_SECONDS) throw new UnreadableAudioError('The recording is too short');
      const recognizer = await providers.recognizer(visitor);
      if (!recognizer) throw new SpeechRecognitionNotConfiguredError();
      const samples = resamplePcm16(wav.samples, wav.sampleRate, VOICE_SAMPLE_RATE);
      const transcript = await recogniseRecording(await recognizer.start(), samples);
      if (!transcript) throw new UnreadableAudioError('No speech was recognised in the recording', );
      const result = await postSpoken(conversations, visitor, req.params.id, transcript, req.query.clientMsgId, spokenMeta(samples));
      return reply.status(result.created ? 201 : 200).send({ transcript, message: result.message, replies: result.replies });
    },
  });

  app.get('/widget/conversations/:id/messages/:seq/speech', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      description: "One of the bot's or an agent's messages of this conversation, spoken (16 kHz mono WAV) by the tenant's synthesiser.",
      params: idParamsSchema.extend({ seq: z.coerce.number().int().min(1) }),
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await speechPerVisitor.hit(visitor.visitorId);
      const [message] = await conversations.messages(visitor, req.params.id, req.params.seq - 1, 1);
      if (!message || message.seq !== req.params.seq || message.senderType === 'visitor' || message.internal) throw new NotFoundError('Message');
      const synthesizer = await providers.synthesizer(visitor);
      const parts: Int16Array[] = [];
      for await (const chunk of synthesizer.synthesize(message.text)) parts.push(chunk);
      const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        samples.set(p, at);
        at += p.length;
      }
      return reply.header('content-type', 'audio/wav').header('cache-control', 'private, max-age=3600').send(wavOf({ sampleRate: VOICE_SAMPLE_RATE, samples }));
    },
  });
};
