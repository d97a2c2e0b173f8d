import { describe, expect, it } from 'vitest';
import { PrivacyApiClient } from './privacy-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = { conversationId: 'c-1', visitorToken: 'vt-secret' };

function fakeFetch(respond: () => Response) {
  const requests: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    return respond();
  }) as typeof fetch;
  return { fetchFn, requests };
}

describe('privacy API client (widget)', () => {
  it('reads the notice by tenant without a visitor token', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(200, { text: '我们仅为本次服务处理您的信息。', url: null, version: 3, required: true }));
    const notice = await new PrivacyApiClient('https://cs.example.com/', fetchFn).notice('demo shop');
    expect(requests[0]?.url).toBe('https://cs.example.com/api/v1/widget/privacy/notice?tenant=demo%20shop');
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(notice.version).toBe(3);
  });

  it('records a consent with the notice version and the chat it was given in, as the visitor', async () => {
    const { fetchFn, requests } = fakeFetch(() => json(201, { id: 'r1', scope: 'sensitive_identity', action: 'withdrawn', noticeVersion: 3, createdAt: '2026-12-07T08:00:00Z' }));
    await new PrivacyApiClient('https://x', fetchFn).record(session, { scope: 'sensitive_identity', action: 'withdrawn', noticeVersion: 3 });
    expect(requests[0]).toMatchObject({ url: 'https://x/api/v1/widget/privacy/consents', method: 'POST' });
    expect(requests[0]?.headers.authorization).toBe('Bearer vt-secret');
    expect(requests[0]?.body).toEqual({ scope: 'sensitive_identity', action: 'withdrawn', noticeVersion: 3, conversationId: 'c-1' });
  });

  it('surfaces a changed notice as the server’s notice_version_mismatch code', async () => {
    const { fetchFn } = fakeFetch(() => json(409, { error: { code: 'notice_version_mismatch', message: 'The privacy notice in force is version 4' } }));
    const failure = await new PrivacyApiClient('https://x', fetchFn).record(session, { scope: 'notice', action: 'granted', noticeVersion: 3 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WidgetApiError);
    expect((failure as WidgetApiError).code).toBe('notice_version_mismatch');
  });
});
