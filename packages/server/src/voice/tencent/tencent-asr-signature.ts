import { createHmac } from 'node:crypto';

/**
 * Signs a Tencent Cloud 实时语音识别 WebSocket URL: HMAC-SHA1 with the SecretKey over
 * `<host><path>?<every query parameter but signature, sorted by name, as key=value joined by &>` (values as they are,
 * not URL-encoded), Base64. The signature then goes into the query URL-encoded.
 * @example tencentAsrSignature('asr.cloud.tencent.com/asr/v2/1259228442', { engine_model_type: '16k_zh', … }, secretKey)
 */
export function tencentAsrSignature(hostAndPath: string, params: Record<string, string>, secretKey: string): string {
  const query = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${params[k]!}`)
    .join('&');
  return createHmac('sha1', secretKey).update(`${hostAndPath}?${query}`, 'utf8').digest('base64');
}
