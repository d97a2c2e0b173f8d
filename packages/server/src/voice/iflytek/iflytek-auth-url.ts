import { createHmac } from 'node:crypto';

/**
 * The signature of an iFlytek WebAPI handshake: HMAC-SHA256 with the APISecret over
 * `host: <host>\ndate: <date>\nGET <path> HTTP/1.1` (the "host date request-line" headers), Base64.
 * @example iflytekSignature('iat-api.xfyun.cn', 'Wed, 10 Jul 2019 07:35:43 GMT', 'GET /v2/iat HTTP/1.1', apiSecret)
 */
export function iflytekSignature(host: string, date: string, requestLine: string, apiSecret: string): string {
  return createHmac('sha256', apiSecret).update(`host: ${host}\ndate: ${date}\n${requestLine}`, 'utf8').digest('base64');
}

/**
 * An iFlytek WebSocket URL signed for the handshake (语音听写 `/v2/iat`, 在线语音合成 `/v2/tts`): `authorization`
 * is the Base64 of `api_key="…", algorithm="hmac-sha256", headers="host date request-line", signature="…"`, sent
 * with `date` (RFC 1123, GMT; the service refuses more than 300 s of clock skew) and `host` as query parameters.
 * @example iflytekAuthUrl('wss://iat-api.xfyun.cn/v2/iat', { apiKey, apiSecret }) // 'wss://iat-api.xfyun.cn/v2/iat?authorization=…&date=…&host=…'
 */
export function iflytekAuthUrl(endpoint: string, credentials: { apiKey: string; apiSecret: string }, now = new Date()): string {
  const url = new URL(endpoint);
  const date = now.toUTCString();
  const signature = iflytekSignature(url.host, date, `GET ${url.pathname} HTTP/1.1`, credentials.apiSecret);
  const authorization = Buffer.from(`api_key="${credentials.apiKey}", algorithm="hmac-sha256", headers="host date request-line", signature="${signature}"`).toString('base64');
  url.search = new URLSearchParams({ authorization, date, host: url.host }).toString();
  return url.toString();
}
