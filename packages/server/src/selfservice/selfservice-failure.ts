/**
 * A business "no" from a connector (unknown order, not eligible, slot full…).
 * Connectors throw it; `SelfServiceActions` turns it into `{ ok: false, error }`
 * and it never leaves this module as a thrown value.
 */
export class SelfServiceFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Set when the refusal is a limit that passes: the same request may succeed after this many seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SelfServiceFailure';
  }
}
