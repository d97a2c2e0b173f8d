import { describe, expect, it, vi } from 'vitest';
import { addOrigin, MAX_ALLOWED_ORIGINS, parseOriginPattern } from './origin-pattern.js';

const originOf = (input: string) => {
  const checked = parseOriginPattern(input);
  return checked.ok ? checked.origin : `!${checked.reason}`;
};

describe('origins the widget may be embedded on', () => {
  it('accepts a site, a wildcard subdomain and a local development server', () => {
    expect(originOf('https://shop.example.com')).toBe('https://shop.example.com');
    expect(originOf('https://*.example.com')).toBe('https://*.example.com');
    expect(originOf('http://localhost:3000')).toBe('http://localhost:3000');
    expect(originOf('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('allows plain http only for the developer’s own machine', () => {
    expect(originOf('http://shop.example.com')).toBe('!insecure');
    expect(originOf('http://*.example.com')).toBe('!insecure');
    expect(originOf('http://192.168.1.10:3000')).toBe('!insecure');
    expect(originOf('https://192.168.1.10:3000')).toBe('https://192.168.1.10:3000');
  });

  it('accepts a wildcard whatever the browser’s URL parser does with * in a host (Chromium escapes it as %2A)', () => {
    class ChromiumLikeUrl extends URL {
      override get hostname(): string {
        return super.hostname.replace(/\*/g, '%2A');
      }
    }
    vi.stubGlobal('URL', ChromiumLikeUrl);
    try {
      expect(originOf('https://*.example.com')).toBe('https://*.example.com');
      expect(originOf('https://*.Example.com:8443/')).toBe('https://*.example.com:8443');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('stores what browsers send in the Origin header: lower case, punycode, no default port, no trailing slash', () => {
    expect(originOf('  HTTPS://Shop.Example.COM/ ')).toBe('https://shop.example.com');
    expect(originOf('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(originOf('http://localhost:80')).toBe('http://localhost');
    expect(originOf('https://shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(originOf('https://例子.中国')).toBe('https://xn--fsqu00a.xn--fiqs8s');
  });

  it('refuses a page address: paths, queries and fragments', () => {
    expect(originOf('https://shop.example.com/cart')).toBe('!path');
    expect(originOf('https://shop.example.com/embed/')).toBe('!path');
    expect(originOf('https://shop.example.com?from=ad')).toBe('!path');
    expect(originOf('https://shop.example.com#chat')).toBe('!path');
  });

  it('refuses allowing everyone or a whole top-level domain', () => {
    expect(originOf('*')).toBe('!wildcardAll');
    expect(originOf('https://*')).toBe('!wildcardAll');
    expect(originOf('https://*.com')).toBe('!wildcard');
    expect(originOf('https://shop.*.com')).toBe('!wildcard');
    expect(originOf('https://*shop.example.com')).toBe('!wildcard');
    expect(originOf('https://*.*.example.com')).toBe('!wildcard');
  });

  it('refuses a missing or non-web scheme, credentials, bad hosts and ports', () => {
    expect(originOf('')).toBe('!empty');
    expect(originOf(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.com`)).toBe('!tooLong');
    expect(originOf('shop.example.com')).toBe('!scheme');
    expect(originOf('ftp://shop.example.com')).toBe('!scheme');
    expect(originOf('https://admin@shop.example.com')).toBe('!host');
    expect(originOf('https://shop_example.com')).toBe('!host');
    expect(originOf('https://')).toBe('!host');
    expect(originOf('https://shop.example.com:0')).toBe('!port');
    expect(originOf('https://shop.example.com:70000')).toBe('!port');
    expect(originOf('https://shop.example.com:http')).toBe('!port');
  });

  it('adds to the list only what is valid and not already there after normalising', () => {
    expect(addOrigin(['https://shop.example.com'], 'https://*.example.com')).toEqual({ ok: true, origins: ['https://shop.example.com', 'https://*.example.com'] });
    expect(addOrigin(['https://shop.example.com'], 'HTTPS://shop.example.com/')).toEqual({ ok: false, reason: 'duplicate' });
    expect(addOrigin([], 'https://shop.example.com/cart')).toEqual({ ok: false, reason: 'path' });
    const full = Array.from({ length: MAX_ALLOWED_ORIGINS }, (_, i) => `https://shop${i}.example.com`);
    expect(addOrigin(full, 'https://one-more.example.com')).toEqual({ ok: false, reason: 'tooMany' });
  });
});
