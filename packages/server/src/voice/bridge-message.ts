import { z } from 'zod';

/** Audio on the wire of a call: 16 kHz linear PCM (little-endian) or 8 kHz G.711 μ-law, mono. */
export const bridgeMediaFormat = z.discriminatedUnion('encoding', [
  z.strictObject({ encoding: z.literal('pcm16'), sampleRate: z.literal(16000) }),
  z.strictObject({ encoding: z.literal('mulaw'), sampleRate: z.literal(8000) }),
]);
export type BridgeMediaFormat = z.infer<typeof bridgeMediaFormat>;

/** A `media` frame's audio, at most this many bytes (640 ms of 16 kHz PCM16; bridges send 20–100 ms). */
export const MAX_MEDIA_BYTES = 20_480;

/** What a bridge (FreeSWITCH, Asterisk, a cloud call centre) sends as JSON text frames; see docs/voice-bridge.md. */
export const bridgeInbound = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('start'),
    callId: z.string().min(1).max(100),
    /** The caller's number as the bridge knows it (shown to agents). */
    from: z.string().max(32).regex(/^[0-9+*#-]*$/).optional(),
    to: z.string().max(32).optional(),
    channel: z.enum(['phone', 'speaker']).default('phone'),
    media: bridgeMediaFormat,
  }),
  /** Base64 audio in the call's format (binary WebSocket frames carry the same bytes without the JSON). */
  z.strictObject({ event: z.literal('media'), payload: z.string().max(Math.ceil(MAX_MEDIA_BYTES / 3) * 4 + 4) }),
  z.strictObject({ event: z.literal('dtmf'), digit: z.string().regex(/^[0-9*#A-D]$/) }),
  /** The bridge finished playing everything sent so far (optional; without it playback time is estimated). */
  z.strictObject({ event: z.literal('mark'), name: z.string().max(100) }),
  z.strictObject({ event: z.literal('stop'), reason: z.string().max(200).optional() }),
]);
export type BridgeInbound = z.infer<typeof bridgeInbound>;

/** What the server sends the bridge. */
export type BridgeOutbound =
  | { event: 'started'; callId: string; conversationId: string }
  | { event: 'transcript'; final: boolean; text: string }
  | { event: 'reply'; text: string; seq: number; sender: 'bot' | 'agent' }
  | { event: 'audio'; payload: string; seq: number }
  | { event: 'mark'; name: string }
  | { event: 'clear' }
  | { event: 'transfer'; conversationId: string; reason: string; queue: string | null; agent: string | null }
  | { event: 'hangup'; reason: string }
  | { event: 'error'; code: string; message: string };
