/** Why an entered origin cannot be allowed; each has a message in the catalogues (`widgetSecurity.origin.<reason>`). */
export type OriginProblem = 'empty' | 'tooLong' | 'scheme' | 'insecure' | 'path' | 'wildcardAll' | 'wildcard' | 'host' | 'port' | 'duplicate' | 'tooMany';

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: OriginProblem };

// Mirrors the server's limits (packages/server/src/widget/allowed-origin.ts), which have the last word.
export const MAX_ALLOWED_ORIGINS = 50;
const MAX_ORIGIN_LENGTH = 300;
// Plain http is only for a developer's own machine; a real site sending visitors' chats must use https.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };
const WILDCARD_LABEL = 'zhida-wildcard-label';
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks an origin an admin wants to allow the widget on, and returns it in the form browsers send
 * in the `Origin` header (lower case, punycode, no default port, no trailing slash), so the saved
 * entry matches what the server will compare. A leading `*.` allows every subdomain of a registrable
 * domain; paths, queries, credentials and a bare `*` are refused, and http only for localhost.
 * @example parseOriginPattern('https://*.Example.com/') // { ok: true, origin: 'https://*.example.com' }
 * @example parseOriginPattern('https://shop.example.com/cart') // { ok: false, reason: 'path' }
 */
export function parseOriginPattern(input: string): OriginCheck {
  const text = input.trim();
  if (!text) return fail('empty');
  if (text.length > MAX_ORIGIN_LENGTH) return fail('tooLong');
  if (text === '*' || /^https?:\/\/\*\/?$/i.test(text)) return fail('wildcardAll');
  const match = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(text);
  if (!match) return fail('scheme');
  const [, scheme = '', authority = '', tail = ''] = match;
  // A lone trailing slash is what copying from the address bar gives; anything more is a page, not a site.
  if (tail !== '' && tail !== '/') return fail('path');
  if (authority.includes('@')) return fail('host');
  const portText = /:([^:\]]*)$/.exec(authority)?.[1];
  if (portText !== undefined && !/^\d{1,5}$/.test(portText)) return fail('port');
  if (portText !== undefined && (Number(portText) < 1 || Number(portText) > 65535)) return fail('port');

  // Browsers' URL parsers escape `*` in a host (Chromium turns it into %2A), so the wildcard is taken
  // off before parsing and a placeholder label checks the rest, as the server does.
  const wildcard = authority.startsWith('*.');
  const rest = wildcard ? authority.slice(2) : authority;
  if (rest.includes('*')) return fail('wildcard');
  let url: URL;
  try {
    url = new URL(`${scheme.toLowerCase()}://${wildcard ? `${WILDCARD_LABEL}.` : ''}${rest}`);
  } catch {
    return fail(wildcard ? 'wildcard' : 'host');
  }
  const parsedHost = url.hostname;
  const host = wildcard ? `*.${parsedHost.slice(WILDCARD_LABEL.length + 1)}` : parsedHost;
  if (!isHost(host)) return fail(wildcard ? 'wildcard' : 'host');
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(host)) return fail('insecure');
  const port = url.port && url.port !== defaultPorts[url.protocol] ? `:${url.port}` : '';
  return { ok: true, origin: `${url.protocol}//${host}${port}` };
}

/**
 * Adds an origin to the list, refusing an invalid one or one the list already holds (after normalising).
 * @example addOrigin(['https://shop.example.com'], 'HTTPS://shop.example.com/') // { ok: false, reason: 'duplicate' }
 */
export function addOrigin(origins: readonly string[], input: string): { ok: true; origins: string[] } | { ok: false; reason: OriginProblem } {
  const checked = parseOriginPattern(input);
  if (!checked.ok) return checked;
  if (origins.includes(checked.origin)) return fail('duplicate');
  if (origins.length >= MAX_ALLOWED_ORIGINS) return fail('tooMany');
  return { ok: true, origins: [...origins, checked.origin] };
}

function isHost(host: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/.test(host)) return true; // IPv6, already validated by URL
  const labels = host.split('.');
  if (labels[0] === '*') {
    // `*.com` would let every site in a top-level domain embed the widget.
    const rest = labels.slice(1);
    return rest.length >= 2 && rest.every((part) => label.test(part)) && !rest.every((part) => /^\d+$/.test(part));
  }
  return labels.every((part) => label.test(part));
}

function fail(reason: OriginProblem): { ok: false; reason: OriginProblem } {
  return { ok: false, reason };
}
