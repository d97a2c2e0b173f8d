import { describe, expect, it } from 'vitest';
import { allowlistEntriesMatching, originMatches, parseAllowedOrigin, parseRequestOrigin } from './allowed-origin.js';

const ok = (input: string) => {
  const r = parseAllowedOrigin(input);
  if (!r.ok) throw new Error(`${input}: ${r.reason}`);
  return r.origin;
};
const reason = (input: string) => {
  const r = parseAllowedOrigin(input);
  if (r.ok) throw new Error(`${input} was accepted as ${r.origin}`);
  return r.reason;
};

describe('allowed origin entries', () => {
  it('normalises case, default ports and a trailing slash', () => {
    expect(ok(' HTTPS://Shop.Example.COM/ ')).toBe('https://shop.example.com');
    expect(ok('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(ok('https://shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(ok('https://商城.中国')).toBe('https://xn--czru2d.xn--fiqs8s');
  });

  it('allows http only for localhost and 127.0.0.1', () => {
    expect(ok('http://localhost:5173')).toBe('http://localhost:5173');
    expect(ok('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(reason('http://shop.example.com')).toMatch(/https/);
    expect(reason('ftp://shop.example.com')).toMatch(/https/);
  });

  it('accepts a leading wildcard label on a real domain', () => {
    expect(ok('https://*.Example.com')).toBe('https://*.example.com');
    expect(ok('https://*.example.com:8443')).toBe('https://*.example.com:8443');
    expect(reason('https://*.com')).toMatch(/two labels/);
    expect(reason('https://a.*.example.com')).toMatch(/first label/);
    expect(parseAllowedOrigin('https://*.10.0.0.1').ok).toBe(false);
  });

  it('rejects anything that is not a bare origin', () => {
    for (const bad of ['*', 'null', '', 'shop.example.com', 'https://shop.example.com/path', 'https://shop.example.com?q=1', 'https://shop.example.com#x', 'https://user:pw@shop.example.com', 'https://user@shop.example.com', 'https://', 'javascript:alert(1)']) {
      expect(parseAllowedOrigin(bad).ok, bad).toBe(false);
    }
  });
});

describe('matching a browser origin', () => {
  it('takes only exact serialised origins from the header', () => {
    expect(parseRequestOrigin('https://shop.example.com')).toBe('https://shop.example.com');
    expect(parseRequestOrigin('null')).toBeNull();
    expect(parseRequestOrigin('https://shop.example.com/path')).toBeNull();
    expect(parseRequestOrigin(undefined)).toBeNull();
  });

  it('matches exact entries and wildcard subdomains, but not the apex, another scheme or port', () => {
    expect(originMatches('https://shop.example.com', 'https://shop.example.com')).toBe(true);
    expect(originMatches('https://a.b.example.com', 'https://*.example.com')).toBe(true);
    expect(originMatches('https://example.com', 'https://*.example.com')).toBe(false);
    expect(originMatches('https://evilexample.com', 'https://*.example.com')).toBe(false);
    expect(originMatches('http://a.example.com', 'https://*.example.com')).toBe(false);
    expect(originMatches('https://a.example.com:8443', 'https://*.example.com')).toBe(false);
    expect(originMatches('https://a.example.com:8443', 'https://*.example.com:8443')).toBe(true);
  });

  it('lists the entries that would match, for a lookup by equality', () => {
    expect(allowlistEntriesMatching('https://a.b.example.com')).toEqual(['https://a.b.example.com', 'https://*.b.example.com', 'https://*.example.com']);
    expect(allowlistEntriesMatching('http://127.0.0.1:3000')).toEqual(['http://127.0.0.1:3000']);
  });
});
