import { describe, expect, it } from 'vitest';
import { bridgeInbound } from './bridge-message.js';

describe('bridge framing', () => {
  it('reads a start with 8 kHz μ-law and defaults the channel to phone', () => {
    const parsed = bridgeInbound.parse({ event: 'start', callId: 'fs-1', from: '+8613800138000', media: { encoding: 'mulaw', sampleRate: 8000 } });
    expect(parsed).toMatchObject({ event: 'start', channel: 'phone', media: { encoding: 'mulaw', sampleRate: 8000 } });
  });

  it('refuses a codec at the wrong rate, a long DTMF and unknown fields', () => {
    expect(bridgeInbound.safeParse({ event: 'start', callId: 'c', media: { encoding: 'mulaw', sampleRate: 16000 } }).success).toBe(false);
    expect(bridgeInbound.safeParse({ event: 'dtmf', digit: '12' }).success).toBe(false);
    expect(bridgeInbound.safeParse({ event: 'stop', extra: 1 }).success).toBe(false);
  });

  it('refuses a media payload above the frame limit before decoding it', () => {
    expect(bridgeInbound.safeParse({ event: 'media', payload: 'A'.repeat(40_000) }).success).toBe(false);
  });
});
