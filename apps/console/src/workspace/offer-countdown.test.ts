import { describe, expect, it } from 'vitest';
import { offerCountdown } from './offer-countdown.js';

const at = (iso: string) => Date.parse(iso);

describe('offer countdown', () => {
  it('counts whole seconds left, rounding up', () => {
    expect(offerCountdown('2026-12-07T03:00:30.000Z', at('2026-12-07T03:00:05.400Z'))).toEqual({ secondsLeft: 25, expired: false, urgent: false });
  });

  it('turns urgent in the last ten seconds', () => {
    expect(offerCountdown('2026-12-07T03:00:30Z', at('2026-12-07T03:00:21Z')).urgent).toBe(true);
    expect(offerCountdown('2026-12-07T03:00:30Z', at('2026-12-07T03:00:19Z')).urgent).toBe(false);
  });

  it('is expired at and after the deadline, never negative', () => {
    expect(offerCountdown('2026-12-07T03:00:30Z', at('2026-12-07T03:00:30Z'))).toMatchObject({ secondsLeft: 0, expired: true });
    expect(offerCountdown('2026-12-07T03:00:30Z', at('2026-12-07T03:05:00Z')).secondsLeft).toBe(0);
  });

  it('treats an unreadable deadline as lapsed', () => {
    expect(offerCountdown('soon', at('2026-12-07T03:00:00Z')).expired).toBe(true);
  });
});
