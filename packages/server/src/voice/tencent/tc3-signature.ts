import { createHash, createHmac } from 'node:crypto';

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product's service name, the first label of its host (`tts` for tts.tencentcloudapi.com). */
  service: string;
  /** The Host header exactly as sent (with the port when it is not the default). */
  host: string;
  contentType: string;
  payload: string;
  /** Unix seconds; the credential scope's date is its UTC day. */
  timestamp: number;
}

/**
 * Signs a Tencent Cloud API 3.0 POST request (TC3-HMAC-SHA256, signature v3): a canonical request over
 * `content-type;host` and the payload's SHA-256, a string to sign with the credential scope
 * `<date>/<service>/tc3_request`, and a key derived by HMAC-chaining `TC3<SecretKey>`, date, service and `tc3_request`.
 * @example tc3Authorization({ secretId, secretKey, service: 'tts', host: 'tts.tencentcloudapi.com', … }).authorization
 *   // 'TC3-HMAC-SHA256 Credential=AKID…/2026-12-07/tts/tc3_request, SignedHeaders=content-type;host, Signature=…'
 */
export function tc3Authorization(req: Tc3Request): { authorization: string; signature: string } {
  const date = new Date(req.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ['POST', '/', '', `content-type:${req.contentType}\nhost:${req.host}\n`, 'content-type;host', sha256Hex(req.payload)].join('\n');
  const scope = `${date}/${req.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(req.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${req.secretKey}`, date), req.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { signature, authorization: `TC3-HMAC-SHA256 Credential=${req.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}` };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
