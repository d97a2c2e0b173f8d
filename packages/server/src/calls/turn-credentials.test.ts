import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredential } from './turn-credentials.js';

describe('TURN REST credentials (coturn use-auth-secret)', () => {
  const now = new Date('2026-12-07T00:00:00Z');

  it('names the expiry and the conversation, and signs that name with HMAC-SHA1 of the secret', () => {
    const { username, credential } = turnCredential('a-long-shared-secret', 'conv-1', 3600, now);
    expect(username).toBe(`${now.getTime() / 1000 + 3600}:conv-1`);
    expect(credential).toBe(createHmac('sha1', 'a-long-shared-secret').update(username).digest('base64'));
    // A known vector, so a change of algorithm or encoding cannot pass unnoticed.
    expect(turnCredential('secret', 'x', 0, new Date(0)).credential).toBe(createHmac('sha1', 'secret').update('0:x').digest('base64'));
  });

  it('hands out STUN as configured and TURN only with a credential, never the secret', () => {
    const servers = iceServersFor({ stunUrls: ['stun:stun.example.cn:3478'], turnUrls: ['turn:turn.example.cn:3478?transport=udp'], turnSecret: 'a-long-shared-secret', turnTtlSeconds: 600 }, 'conv-2', now);
    expect(servers[0]).toEqual({ urls: ['stun:stun.example.cn:3478'] });
    expect(servers[1]?.username).toMatch(/^\d+:conv-2$/);
    expect(JSON.stringify(servers)).not.toContain('a-long-shared-secret');
    expect(iceServersFor({ stunUrls: [], turnUrls: ['turn:t:3478'], turnSecret: null, turnTtlSeconds: 600 }, 'c', now)).toEqual([]);
  });
});
