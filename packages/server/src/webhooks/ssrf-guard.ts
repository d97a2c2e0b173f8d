import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { AppError } from '../errors/app-error.js';

export type WebhookTargetRefusal = 'invalid_url' | 'scheme' | 'credentials' | 'unresolvable' | 'private_address';

/** A webhook URL the server will not call; a 400 when an admin enters it, a failed attempt at delivery. */
export class WebhookTargetRefusedError extends AppError {
  readonly code = 'webhook_url_refused';
  readonly statusCode = 400;
  constructor(
    readonly reason: WebhookTargetRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves a host name to every address it has (node:dns `lookup` with `all`, or a test double). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export interface SsrfGuardOptions {
  /** Private, loopback and link-local targets are allowed (ZHIDA_WEBHOOK_ALLOW_PRIVATE: tests, on-premise installs). */
  allowPrivate: boolean;
  /** Plain http:// is allowed (ZHIDA_WEBHOOK_ALLOW_HTTP); otherwise only https://. */
  allowHttp: boolean;
  resolve?: HostResolver;
}

export interface CheckedTarget {
  url: URL;
  /** The addresses the host resolved to, every one of them allowed. */
  addresses: LookupAddress[];
}

// Never a public host: private networks, loopback, link-local (169.254.169.254 is the cloud metadata
// service), carrier-grade NAT, multicast, reserved, "this network", benchmarking.
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const PRIVATE_V6: [string, number][] = [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['100::', 64],
  // Teredo tunnels carry an obfuscated IPv4 address we do not unwrap.
  ['2001::', 32],
];
// Targets that are never valid, even when private ones are allowed.
const NEVER_V4: [string, number][] = [['0.0.0.0', 8], ['224.0.0.0', 4], ['255.255.255.255', 32]];
const NEVER_V6: [string, number][] = [['::', 128], ['ff00::', 8]];

function blockList(v4: [string, number][], v6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const privateAddresses = blockList(PRIVATE_V4, PRIVATE_V6);
const neverAddresses = blockList(NEVER_V4, NEVER_V6);

/**
 * The outbound-request guard for webhook targets (SECURITY.md §5, checks 25–26): only https (http
 * when configured), no credentials in the URL, and every address the host resolves to must be
 * public — IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * that address. `check` answers the admin at once; `lookup` is handed to `http.request`, so the
 * socket connects only to an address checked in the same resolution (no DNS rebinding between
 * check and connect). Redirects are never followed by the sender.
 * @example
 * const guard = new SsrfGuard({ allowPrivate: false, allowHttp: false });
 * await guard.check('https://hooks.example.cn/zhida'); // throws WebhookTargetRefusedError for 127.0.0.1, 10.x, ::1, …
 * http.request(url, { lookup: guard.lookup });
 */
export class SsrfGuard {
  private readonly resolve: HostResolver;

  constructor(private readonly options: SsrfGuardOptions) {
    this.resolve = options.resolve ?? ((hostname) => new Promise((ok, fail) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? fail(err) : ok(addresses)))));
  }

  /** Parses and checks a URL, resolving its host; throws WebhookTargetRefusedError. */
  async check(raw: string): Promise<CheckedTarget> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookTargetRefusedError('invalid_url', 'The webhook URL is not a valid absolute URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp)) {
      throw new WebhookTargetRefusedError('scheme', this.options.allowHttp ? 'The webhook URL must use http or https' : 'The webhook URL must use https');
    }
    if (url.username || url.password) throw new WebhookTargetRefusedError('credentials', 'The webhook URL must not contain a user name or password');
    // The WHATWG parser has already turned decimal, octal and hex IPv4 forms (http://2130706433/) into dotted quads.
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const family = isIP(host);
    const addresses = family ? [{ address: host, family }] : await this.resolveAll(host);
    for (const { address } of addresses) this.assertAllowed(address);
    return { url, addresses };
  }

  /** Whether the server may connect to this IP address under the configured policy. */
  allows(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    const embedded = family === 6 ? embeddedIpv4(address) : null;
    const candidates: [string, 'ipv4' | 'ipv6'][] = [[address, family === 4 ? 'ipv4' : 'ipv6']];
    if (embedded) candidates.push([embedded, 'ipv4']);
    for (const [ip, type] of candidates) {
      if (neverAddresses.check(ip, type)) return false;
      if (!this.options.allowPrivate && privateAddresses.check(ip, type)) return false;
    }
    return true;
  }

  /**
   * A `lookup` for `http.request`/`net.connect`: resolves, refuses the connection when any address
   * is not allowed, and hands over only checked addresses.
   */
  readonly lookup: LookupFunction = (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    this.resolveAll(hostname)
      .then((all) => {
        for (const { address } of all) this.assertAllowed(address);
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (wanted.length === 0) throw new WebhookTargetRefusedError('unresolvable', `The webhook host ${hostname} has no usable address`);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };

  private async resolveAll(hostname: string): Promise<LookupAddress[]> {
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolve(hostname);
    } catch {
      throw new WebhookTargetRefusedError('unresolvable', `The webhook host ${hostname} cannot be resolved`);
    }
    if (addresses.length === 0) throw new WebhookTargetRefusedError('unresolvable', `The webhook host ${hostname} cannot be resolved`);
    return addresses;
  }

  private assertAllowed(address: string): void {
    if (!this.allows(address)) throw new WebhookTargetRefusedError('private_address', 'The webhook URL points to a private, loopback, link-local or reserved address');
  }
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  if (!bytes) return null;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const quad = (at: number) => Array.from(bytes.slice(at, at + 4)).join('.');
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return quad(12); // ::ffff:a.b.c.d
  // ::a.b.c.d, the deprecated compatible form (:: and ::1 are not it, and are judged as themselves).
  if (zeros(0, 12) && bytes[12] !== 0) return quad(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return quad(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return quad(2);
  return null;
}

function ipv6Bytes(address: string): Uint8Array | null {
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text = text.slice(0, -dotted[1]!.length) + `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    bytes[i * 2] = v >> 8;
    bytes[i * 2 + 1] = v & 0xff;
  });
  return bytes;
}
