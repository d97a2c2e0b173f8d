import type { ConversationService, PostResult } from '../conversations/conversation-service.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { RecognitionStream } from './speech-recognizer.js';
import { VOICE_SAMPLE_RATE } from './speech-synthesizer.js';
import { voiceArousal } from './voice-arousal.js';
import { voiceFeatures } from './voice-features.js';

/** What the transcript shows of a spoken message: the 🎤 mark, and the prosody the bot's emotion reading used. */
export interface SpokenMeta {
  input: 'voice';
  mark: '🎤';
  voice: { arousal: number; pitchHz: number | null; energyDb: number; syllablesPerSecond: number; seconds: number };
}

/** The meta of a spoken utterance of 16 kHz PCM16. */
export function spokenMeta(samples: Int16Array): SpokenMeta {
  const f = voiceFeatures(samples, VOICE_SAMPLE_RATE);
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    input: 'voice',
    mark: '🎤',
    voice: {
      arousal: round(voiceArousal(f), 3),
      pitchHz: f.pitchHz === null ? null : round(f.pitchHz, 1),
      energyDb: round(f.energyDb, 1),
      syllablesPerSecond: round(f.syllablesPerSecond),
      seconds: round(samples.length / VOICE_SAMPLE_RATE),
    },
  };
}

/** Recognises a whole recording at once (the widget's hold-to-talk), in 100 ms frames as a live stream would send. */
export async function recogniseRecording(stream: RecognitionStream, samples: Int16Array): Promise<string> {
  const frame = VOICE_SAMPLE_RATE / 10;
  for (let at = 0; at < samples.length; at += frame) stream.push(samples.subarray(at, at + frame));
  return (await stream.finish()).trim();
}

/** Posts a transcript as the visitor's message, through the normal bot, marked as spoken. */
export function postSpoken(conversations: ConversationService, ctx: TenantContext & { visitorId: string }, conversationId: string, transcript: string, clientMsgId: string, meta: SpokenMeta): Promise<PostResult> {
  return conversations.postFromVisitor(ctx, conversationId, transcript, clientMsgId, { ...meta });
}
