import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16. */
const BLOCK = 32;

export class WechatCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatCipherError';
  }
}

/**
 * The encrypted (安全) mode of WeChat callbacks, after WeChat's public
 * 消息加解密 documentation: key = base64(EncodingAESKey + "="), 32 bytes;
 * AES-256-CBC with IV = the key's first 16 bytes and no cipher padding;
 * plaintext = random(16) ‖ length (4 bytes, big-endian) ‖ message ‖ AppID/CorpID,
 * padded PKCS#7-style to a multiple of 32 bytes.
 * @example
 * const cipher = new WechatMessageCipher(encodingAesKey, appId);
 * cipher.decrypt(cipher.encrypt('<xml>…</xml>')) // '<xml>…</xml>'
 */
export class WechatMessageCipher {
  private readonly key: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly receiverId: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new WechatCipherError('EncodingAESKey must be 43 letters and digits');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new WechatCipherError('EncodingAESKey does not decode to 32 bytes');
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.receiverId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }

  /** The message inside `encrypted`; throws WechatCipherError when it is not ours (bad key, padding, length or receiver). */
  decrypt(encrypted: string): string {
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new WechatCipherError('ciphertext is not whole AES blocks');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new WechatCipherError('ciphertext does not decrypt');
    }
    const pad = plain[plain.length - 1]!;
    if (pad < 1 || pad > BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) throw new WechatCipherError('bad padding');
    const content = plain.subarray(16, plain.length - pad);
    if (content.length < 4) throw new WechatCipherError('too short');
    const length = content.readUInt32BE(0);
    if (4 + length > content.length) throw new WechatCipherError('bad message length');
    const receiver = content.subarray(4 + length).toString('utf8');
    if (receiver !== this.receiverId) throw new WechatCipherError('message is for another AppID/CorpID');
    return content.subarray(4, 4 + length).toString('utf8');
  }
}
