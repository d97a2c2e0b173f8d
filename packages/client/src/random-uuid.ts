/** The parts of Web Crypto used here; `randomUUID` is missing on insecure origins. */
export interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
  randomUUID?: () => string;
}

/**
 * A v4 UUID for clientMsgId. `crypto.randomUUID` exists only in secure contexts, and the
 * widget may be embedded on a plain-http intranet page, so fall back to getRandomValues.
 *
 * @example randomUuid() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomUuid(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
