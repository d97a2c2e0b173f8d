import { createHmac } from 'node:crypto';

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it (space %20, `*` %2A, `~` kept). */
export function popPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Signs an Alibaba Cloud RPC-style (POP) request, signature version 1.0: HMAC-SHA1 with `<secret>&` over
 * `METHOD&%2F&<encoded canonical query>`, Base64. The NLS `CreateToken` call is signed this way.
 * @example popSignature('GET', { Action: 'CreateToken', … }, secret) // 'uQ2…='
 */
export function popSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${popPercentEncode(k)}=${popPercentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${popPercentEncode('/')}&${popPercentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}
