/**
 * Origins a tenant may allow to embed its widget, and how a browser's Origin
 * header is matched against them. An entry is `scheme://host[:port]`, or
 * `https://*.example.com[:port]` for every subdomain (not the apex itself).
 */

export const MAX_ALLOWED_ORIGINS = 50;
const MAX_ORIGIN_LENGTH = 300;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
// Stands in for `*` so the URL parser can check the rest of a wildcard entry.
const WILDCARD_LABEL = 'zhida-wildcard-label';

export type ParsedAllowedOrigin = { ok: true; origin: string } | { ok: false; reason: string };

/** Validates and normalises one allowlist entry (lower case, no default port, no trailing slash). */
export function parseAllowedOrigin(input: string): ParsedAllowedOrigin {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, reason: 'empty' };
  if (raw.length > MAX_ORIGIN_LENGTH) return { ok: false, reason: `longer than ${MAX_ORIGIN_LENGTH} characters` };
  if (raw === '*' || raw === 'null') return { ok: false, reason: 'must name a site; "*" and "null" are not allowed' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  if (!scheme) return { ok: false, reason: 'must start with https://' };
  const authorityAndRest = raw.slice(scheme[0].length);
  if (authorityAndRest.includes('@')) return { ok: false, reason: 'must not contain credentials' };
  const wildcard = authorityAndRest.startsWith('*.');
  const withoutWildcard = wildcard ? authorityAndRest.slice(2) : authorityAndRest;
  if (withoutWildcard.includes('*')) return { ok: false, reason: 'a wildcard is allowed only as the first label, as in https://*.example.com' };

  let url: URL;
  try {
    url = new URL(`${scheme[0]}${wildcard ? `${WILDCARD_LABEL}.` : ''}${withoutWildcard}`);
  } catch {
    return { ok: false, reason: 'is not a valid origin' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must use https://' };
  if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(withoutWildcard) || /\/./.test(withoutWildcard)) {
    return { ok: false, reason: 'must be an origin only, without a path, query or fragment' };
  }
  const hostname = url.hostname;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(hostname)) return { ok: false, reason: 'must use https:// (http:// only for localhost and 127.0.0.1)' };
  if (wildcard) {
    const suffix = hostname.slice(WILDCARD_LABEL.length + 1);
    if (isIpLiteral(suffix) || suffix.split('.').length < 2) return { ok: false, reason: 'a wildcard needs a domain of at least two labels, as in https://*.example.com' };
    return { ok: true, origin: `${url.protocol}//*.${suffix}${url.port ? `:${url.port}` : ''}` };
  }
  return { ok: true, origin: url.origin };
}

/** The serialised origin a browser sent, or null for a missing, opaque ("null") or malformed one. */
export function parseRequestOrigin(header: string | undefined): string | null {
  if (!header || header.length > MAX_ORIGIN_LENGTH) return null;
  try {
    const url = new URL(header);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // A real Origin header is exactly its serialisation; anything else is a crafted value.
    return url.origin === header.toLowerCase() ? url.origin : null;
  } catch {
    return null;
  }
}

/** Whether a parsed request origin is matched by an allowlist entry. */
export function originMatches(origin: string, entry: string): boolean {
  if (origin === entry) return true;
  const star = entry.indexOf('://*.');
  if (star < 0) return false;
  const url = new URL(origin);
  const entryScheme = entry.slice(0, star + 1);
  const rest = entry.slice(star + 5);
  const colon = rest.lastIndexOf(':');
  const suffix = colon >= 0 ? rest.slice(0, colon) : rest;
  const port = colon >= 0 ? rest.slice(colon + 1) : '';
  return url.protocol === entryScheme && url.port === port && url.hostname.endsWith(`.${suffix}`) && !isIpLiteral(url.hostname);
}

/**
 * Every allowlist entry that would match this origin: the origin itself and
 * its wildcard forms, so a store can look them up by equality.
 */
export function allowlistEntriesMatching(origin: string): string[] {
  const url = new URL(origin);
  const entries = [url.origin];
  if (isIpLiteral(url.hostname)) return entries;
  const labels = url.hostname.split('.');
  const port = url.port ? `:${url.port}` : '';
  for (let i = 1; i <= labels.length - 2; i++) entries.push(`${url.protocol}//*.${labels.slice(i).join('.')}${port}`);
  return entries;
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}
