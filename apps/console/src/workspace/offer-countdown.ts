/** Below this many seconds the offer card turns red: accept now or it goes to someone else. */
export const OFFER_URGENT_SECONDS = 10;

export interface OfferCountdown {
  /** Whole seconds left, rounded up so "0" shows only once the offer has lapsed. */
  secondsLeft: number;
  expired: boolean;
  urgent: boolean;
}

/**
 * Time left on an offer (`offerExpiresAt`) at `now`. A deadline the console cannot parse
 * counts as lapsed: the server's expiry loop decides anyway, and a stuck card is worse.
 * @example offerCountdown('2026-12-07T03:00:30Z', Date.parse('2026-12-07T03:00:05Z')) // { secondsLeft: 25, expired: false, urgent: false }
 */
export function offerCountdown(offerExpiresAt: string, now: number): OfferCountdown {
  const deadline = Date.parse(offerExpiresAt);
  const secondsLeft = Number.isNaN(deadline) ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
  return { secondsLeft, expired: secondsLeft === 0, urgent: secondsLeft <= OFFER_URGENT_SECONDS };
}
