import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { DocumentUrlFetcher } from './document-url-fetcher.js';

const LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 2000, maxRedirects: 3 };
const privateAllowed = new SsrfGuard({ allowPrivate: true, allowHttp: true });
let server: Server | null = null;

function serve(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

describe('document URL fetcher', () => {
  it('obeys a wildcard robots.txt group when it has none for ZhidaBot', async () => {
    const origin = await serve((req, res) => (req.url === '/robots.txt' ? res.end('User-agent: *\nDisallow: /docs/') : res.end('正文')));
    await expect(new DocumentUrlFetcher(privateAllowed, LIMITS).fetch(`${origin}/docs/a.txt`, ['127.0.0.1'])).rejects.toMatchObject({ code: 'document_robots_disallowed' });
    await expect(new DocumentUrlFetcher(privateAllowed, LIMITS).fetch(`${origin}/other/a.txt`, ['127.0.0.1'])).resolves.toMatchObject({ name: 'a.txt', data: Buffer.from('正文') });
  });

  it('fetches when there is no robots.txt, and crawls nothing when robots.txt fails with a 5xx', async () => {
    let robotsStatus = 404;
    const origin = await serve((req, res) => (req.url === '/robots.txt' ? res.writeHead(robotsStatus).end() : res.end('正文')));
    await expect(new DocumentUrlFetcher(privateAllowed, LIMITS).fetch(`${origin}/a.txt`, ['127.0.0.1'])).resolves.toMatchObject({ data: Buffer.from('正文') });
    robotsStatus = 503;
    await expect(new DocumentUrlFetcher(privateAllowed, LIMITS).fetch(`${origin}/a.txt`, ['127.0.0.1'])).rejects.toMatchObject({ code: 'document_robots_disallowed' });
  });

  it('refuses a private address with the default guard even when the admin allowed the site', async () => {
    const origin = await serve((_req, res) => res.end('内网'));
    const guard = new SsrfGuard({ allowPrivate: false, allowHttp: true });
    await expect(new DocumentUrlFetcher(guard, LIMITS).fetch(`${origin}/a.txt`, ['127.0.0.1'])).rejects.toMatchObject({ code: 'document_url_refused', statusCode: 422, message: expect.stringContaining('内网') });
    // A public name that resolves to the metadata service is refused the same way.
    const rebinding = new SsrfGuard({ allowPrivate: false, allowHttp: true, resolve: async () => [{ address: '169.254.169.254', family: 4 }] });
    await expect(new DocumentUrlFetcher(rebinding, LIMITS).fetch('http://help.example.cn/a.txt', ['help.example.cn'])).rejects.toMatchObject({ code: 'document_url_refused' });
  });

  it('gives up on a site that does not answer in time', async () => {
    const origin = await serve((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(404).end();
      // never answers the document request
    });
    await expect(new DocumentUrlFetcher(privateAllowed, { ...LIMITS, timeoutMs: 500 }).fetch(`${origin}/slow.txt`, ['127.0.0.1'])).rejects.toMatchObject({ code: 'document_url_failed', message: expect.stringContaining('超时') });
  });

  it('stops after too many redirects', async () => {
    const origin = await serve((req, res) => (req.url === '/robots.txt' ? res.writeHead(404).end() : res.writeHead(302, { location: `/loop${Math.random()}` }).end()));
    await expect(new DocumentUrlFetcher(privateAllowed, LIMITS).fetch(`${origin}/start`, ['127.0.0.1'])).rejects.toMatchObject({ code: 'document_url_failed', message: expect.stringContaining('重定向') });
  });
});
