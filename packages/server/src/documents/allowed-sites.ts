import { z } from 'zod';

/**
 * One allowed site as an admin writes it: a host name (`help.example.cn`), a wildcard for its
 * subdomains (`*.example.cn`), or an IP address. A pasted URL is reduced to its host.
 */
export const allowedSiteSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .transform((s) => siteOf(s))
  .refine((s) => s !== null, '请填写域名，例如 help.example.cn 或 *.example.cn')
  .transform((s) => s!);

function siteOf(raw: string): string | null {
  let host = raw.toLowerCase();
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\/.*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  // Punycode the way the URL parser does, so 例子.cn matches the URLs that name it.
  try {
    host = new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(host) || host.startsWith('.') || host.includes('..')) return null;
  return wildcard ? `*.${host}` : host;
}

/** Whether a URL's host is one of the tenant's sites (`*.example.cn` covers a.example.cn and a.b.example.cn, not example.cn). */
export function isAllowedSite(hostname: string, sites: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return sites.some((site) => (site.startsWith('*.') ? host.endsWith(site.slice(1)) : host === site));
}
