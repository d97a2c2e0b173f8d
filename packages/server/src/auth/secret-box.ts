import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
// 96-bit IVs are what GCM is specified for; a random one per value keeps (key, IV) pairs unique.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type SecretBoxErrorCode = 'secret_box_key_invalid' | 'secret_box_malformed' | 'secret_box_auth_failed';

/**
 * A sealed value that cannot be opened. Deliberately not an AppError: it is a
 * server-side fault (wrong key, damaged row), so the error handler answers a
 * generic 500 and logs it instead of telling the client anything.
 */
export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Encrypts small secrets for storage: AES-256-GCM with a random 12-byte IV per
 * value, as `v1:<base64url iv>:<base64url ciphertext+tag>`. The optional
 * context is authenticated but not stored, so a value sealed for one row does
 * not open when copied into another.
 *
 * Key rotation: values are sealed with the current key and opened with it or
 * any previous key (GCM's tag tells which one fits, so no key id is stored);
 * `unseal` says when a value needs sealing again with the current key.
 */
export class SecretBox {
  static readonly KEY_BYTES = KEY_BYTES;
  private readonly key: Buffer;
  private readonly previousKeys: readonly Buffer[];

  constructor(key: Uint8Array, previousKeys: readonly Uint8Array[] = []) {
    // Copies, so a caller zeroing or reusing its buffers cannot change ours.
    this.key = checkedKey(key);
    this.previousKeys = previousKeys.map(checkedKey);
  }

  /** Whether a stored value is in a sealed format (anything else is legacy plaintext). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}:`);
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  /** Throws SecretBoxError: `secret_box_malformed` for a value not in the format, `secret_box_auth_failed` for a wrong key, context or a tampered value. */
  open(sealed: string, context = ''): string {
    return this.unseal(sealed, context).plaintext;
  }

  /**
   * A stored secret as written by any version: a sealed value (opened with the current or a previous key)
   * or legacy plaintext from before sealing. `stale` says it should be sealed again with the current key.
   */
  read(stored: string, context = ''): { plaintext: string; stale: boolean } {
    if (!SecretBox.isSealed(stored)) return { plaintext: stored, stale: true };
    const { plaintext, current } = this.unseal(stored, context);
    return { plaintext, stale: !current };
  }

  /** Like `open`; `current` is false when a previous key opened the value, which should then be sealed again. */
  unseal(sealed: string, context = ''): { plaintext: string; current: boolean } {
    const parts = sealed.split(':');
    if (parts.length !== 3 || parts[0] !== VERSION) throw new SecretBoxError('secret_box_malformed', `Not a ${VERSION} sealed value`);
    const iv = decodeBase64url(parts[1]!);
    const body = decodeBase64url(parts[2]!);
    if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) throw new SecretBoxError('secret_box_malformed', `Not a ${VERSION} sealed value`);
    for (const key of [this.key, ...this.previousKeys]) {
      const plaintext = decrypt(key, iv, body, context);
      if (plaintext !== null) return { plaintext, current: key === this.key };
    }
    throw new SecretBoxError('secret_box_auth_failed', 'The sealed value does not authenticate (wrong key or tampered value)');
  }
}

function checkedKey(key: Uint8Array): Buffer {
  if (key.length !== KEY_BYTES) throw new SecretBoxError('secret_box_key_invalid', `The key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return Buffer.from(key);
}

function decrypt(key: Buffer, iv: Buffer, body: Buffer, context: string): string | null {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Node decodes leniently; a value that does not re-encode to itself was altered.
  return bytes.toString('base64url') === text ? bytes : null;
}
