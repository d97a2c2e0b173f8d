import { request } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SsrfGuard, WebhookTargetRefusedError, type HostResolver } from './ssrf-guard.js';

const fakeDns: Record<string, string[]> = {
  'hooks.example.cn': ['203.0.113.10'],
  'internal.example.cn': ['10.1.2.3'],
  'metadata.example.cn': ['169.254.169.254'],
  'mixed.example.cn': ['203.0.113.10', '192.168.1.5'],
  'v6.example.cn': ['2001:db8::10'],
  'v6-private.example.cn': ['fd12:3456::1'],
};
const resolve: HostResolver = async (hostname) => {
  const found = fakeDns[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

async function refusal(guard: SsrfGuard, url: string): Promise<string | null> {
  try {
    await guard.check(url);
    return null;
  } catch (err) {
    if (err instanceof WebhookTargetRefusedError) return err.reason;
    throw err;
  }
}

describe('SsrfGuard (public targets only, the default)', () => {
  const guard = new SsrfGuard({ allowPrivate: false, allowHttp: false, resolve });

  it('accepts an https URL whose host resolves to public addresses', async () => {
    const target = await guard.check('https://hooks.example.cn/zhida?x=1');
    expect(target.addresses.map((a) => a.address)).toEqual(['203.0.113.10']);
    expect(await refusal(guard, 'https://v6.example.cn/hook')).toBeNull();
    expect(await refusal(guard, 'https://8.8.8.8/hook')).toBeNull();
    expect(await refusal(guard, 'https://[2400:3200::1]/hook')).toBeNull();
  });

  it.each([
    ['loopback', 'https://127.0.0.1/'],
    ['loopback, elsewhere in 127/8', 'https://127.10.0.1:8443/'],
    ['10/8', 'https://10.0.0.1/'],
    ['172.16/12', 'https://172.16.0.1/'],
    ['172.16/12, upper end', 'https://172.31.255.254/'],
    ['192.168/16', 'https://192.168.1.1/'],
    ['100.64/10 (carrier-grade NAT)', 'https://100.64.0.1/'],
    ['169.254/16 link-local', 'https://169.254.1.1/'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['multicast', 'https://224.0.0.1/'],
    ['unspecified', 'https://0.0.0.0/'],
    ['broadcast', 'https://255.255.255.255/'],
    ['decimal IPv4', 'https://2130706433/'],
    ['octal IPv4', 'https://0177.0.0.1/'],
    ['hex IPv4', 'https://0x7f.1/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 unspecified', 'https://[::]/'],
    ['IPv6 unique local fc00::/7', 'https://[fd00::1]/'],
    ['IPv6 unique local, fc half', 'https://[fc00::1]/'],
    ['IPv6 link-local fe80::/10', 'https://[fe80::1]/'],
    ['IPv6 multicast', 'https://[ff02::1]/'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/'],
    ['IPv4-mapped metadata, hex form', 'https://[::ffff:a9fe:a9fe]/'],
    ['IPv4-mapped private', 'https://[::ffff:10.0.0.1]/'],
    ['IPv4-compatible private', 'https://[::10.0.0.1]/'],
    ['NAT64 of a private address', 'https://[64:ff9b::192.168.0.1]/'],
    ['6to4 of loopback', 'https://[2002:7f00:1::]/'],
    ['a name resolving to 10/8', 'https://internal.example.cn/'],
    ['a name resolving to the metadata service', 'https://metadata.example.cn/'],
    ['a name with one public and one private address', 'https://mixed.example.cn/'],
    ['a name resolving to an IPv6 unique local address', 'https://v6-private.example.cn/'],
  ])('refuses %s (%s)', async (_what, url) => {
    expect(await refusal(guard, url)).toBe('private_address');
  });

  it('refuses localhost, which really resolves to 127.0.0.1 (system resolver)', async () => {
    const real = new SsrfGuard({ allowPrivate: false, allowHttp: false });
    expect(await refusal(real, 'https://localhost:3000/hook')).toBe('private_address');
  });

  it('refuses plain http, other schemes, credentials, nonsense and names that do not resolve', async () => {
    expect(await refusal(guard, 'http://hooks.example.cn/')).toBe('scheme');
    for (const url of ['ftp://hooks.example.cn/', 'file:///etc/passwd', 'gopher://hooks.example.cn:70/', 'javascript:alert(1)', 'data:text/plain,hi']) {
      expect(await refusal(guard, url), url).toBe('scheme');
    }
    expect(await refusal(guard, 'https://user:pass@hooks.example.cn/')).toBe('credentials');
    expect(await refusal(guard, 'not a url')).toBe('invalid_url');
    expect(await refusal(guard, 'https://nowhere.example.cn/')).toBe('unresolvable');
  });

  it('answers a client error (400 webhook_url_refused), not a server error', async () => {
    const err = await guard.check('https://10.0.0.1/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookTargetRefusedError);
    expect((err as WebhookTargetRefusedError).statusCode).toBe(400);
    expect((err as WebhookTargetRefusedError).code).toBe('webhook_url_refused');
  });
});

describe('SsrfGuard with private targets and http allowed (tests, on-premise)', () => {
  const guard = new SsrfGuard({ allowPrivate: true, allowHttp: true, resolve });

  it('accepts loopback, private and http targets, but never unspecified or multicast', async () => {
    expect(await refusal(guard, 'http://127.0.0.1:8080/')).toBeNull();
    expect(await refusal(guard, 'http://internal.example.cn/')).toBeNull();
    expect(await refusal(guard, 'http://[::1]:8080/')).toBeNull();
    expect(await refusal(guard, 'http://0.0.0.0:8080/')).toBe('private_address');
    expect(await refusal(guard, 'http://[::]:8080/')).toBe('private_address');
    expect(await refusal(guard, 'http://239.1.1.1/')).toBe('private_address');
    expect(await refusal(guard, 'ftp://127.0.0.1/')).toBe('scheme');
  });
});

describe('SsrfGuard.lookup (connect-time pinning)', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  function get(guard: SsrfGuard, host: string): Promise<number> {
    return new Promise((ok, fail) => {
      const req = request({ host, port, path: '/', lookup: guard.lookup, agent: false }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end();
    });
  }

  it('refuses to connect when the name resolves to a private address at connect time (rebinding)', async () => {
    // The name looked public when checked; by connect time it points at loopback.
    let answer = '203.0.113.10';
    const rebinding = new SsrfGuard({ allowPrivate: false, allowHttp: true, resolve: async () => [{ address: answer, family: 4 }] });
    await rebinding.check('http://rebind.example.cn/');
    answer = '127.0.0.1';
    const err = await get(rebinding, 'rebind.example.cn').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookTargetRefusedError);
    expect(hits).toBe(0);
  });

  it('connects to the checked address when allowed', async () => {
    const allowing = new SsrfGuard({ allowPrivate: true, allowHttp: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await get(allowing, 'receiver.example.cn')).toBe(200);
    expect(hits).toBe(1);
  });
});
