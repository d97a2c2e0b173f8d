import { createHmac } from 'node:crypto';

/** One entry of RTCConfiguration.iceServers, as the browser takes it. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** STUN/TURN as configured (ZHIDA_STUN_URLS, ZHIDA_TURN_URLS, ZHIDA_TURN_SECRET, ZHIDA_TURN_TTL_SECONDS). */
export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** coturn's `static-auth-secret`; never leaves the server. */
  turnSecret: string | null;
  turnTtlSeconds: number;
}

/**
 * TURN REST credentials (coturn `use-auth-secret`): the username is `expiry:label` (expiry in Unix
 * seconds), the credential base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC and
 * refuses the username once the expiry passed, so a leaked credential is only good for the TTL.
 * @example
 * turnCredential('s3cret', 'conv-id', 3600, new Date('2026-12-07T00:00:00Z'))
 * // { username: '1796605200:conv-id', credential: '…base64…' }
 */
export function turnCredential(secret: string, label: string, ttlSeconds: number, now: Date): { username: string; credential: string } {
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${label}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE servers for one call: STUN as configured, TURN with a credential for this conversation (none without a secret). */
export function iceServersFor(config: IceConfig, conversationId: string, now: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: config.stunUrls });
  if (config.turnUrls.length > 0 && config.turnSecret) servers.push({ urls: config.turnUrls, ...turnCredential(config.turnSecret, conversationId, config.turnTtlSeconds, now) });
  return servers;
}
