import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { AppError } from '../errors/app-error.js';
import type { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { DocumentRejectedError, DocumentTooLargeError, DocumentUrlRefusedError } from './document-import-errors.js';
import { isAllowedSite } from './allowed-sites.js';

export interface UrlFetchLimits {
  maxBytes: number;
  /** The whole exchange (robots.txt, redirects, body) must finish within this. */
  timeoutMs: number;
  maxRedirects: number;
}

export interface FetchedDocument {
  data: Buffer;
  /** The Content-Type the site declared, if any. */
  contentType: string | null;
  /** Where the body came from after redirects. */
  finalUrl: string;
  /** A file name for the document: the URL's last path segment, or its host. */
  name: string;
}

interface RobotsTxt {
  isDisallowed(url: string, userAgent?: string): boolean | undefined;
}
// robots-parser is CommonJS whose typings declare an ES default export it does not have.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => RobotsTxt;

/** How the importer names itself to robots.txt and in its requests. */
export const DOCUMENT_USER_AGENT = 'ZhidaBot';
const ROBOTS_MAX_BYTES = 512 * 1024;

interface Response {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * Fetches a document from a tenant's own site, server-side, the careful way: only http(s) URLs on
 * the tenant's allowed sites (every redirect hop too, at most `maxRedirects`); every connection
 * through the webhooks' SSRF guard (no private, loopback or metadata addresses, DNS pinned between
 * check and connect); the site's robots.txt obeyed for `ZhidaBot` (RFC 9309: a missing robots.txt
 * allows everything, an unreachable one allows nothing); the body cut off past `maxBytes`; the
 * whole exchange within `timeoutMs`.
 * @example await fetcher.fetch('https://help.example.cn/manual.pdf', ['help.example.cn'])
 */
export class DocumentUrlFetcher {
  constructor(
    private readonly guard: SsrfGuard,
    private readonly limits: UrlFetchLimits,
  ) {}

  async fetch(raw: string, allowedSites: readonly string[]): Promise<FetchedDocument> {
    const deadline = Date.now() + this.limits.timeoutMs;
    let url = this.checkedUrl(raw, allowedSites);
    const robotsChecked = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (!robotsChecked.has(url.origin)) {
        await this.assertRobotsAllow(url, deadline);
        robotsChecked.add(url.origin);
      }
      const response = await this.get(url, this.limits.maxBytes, deadline);
      if (response.status >= 300 && response.status < 400 && response.headers.location) {
        if (hop >= this.limits.maxRedirects) throw new DocumentRejectedError('document_url_failed', `网址重定向超过 ${this.limits.maxRedirects} 次，请填写文档的最终地址`);
        url = this.checkedUrl(new URL(response.headers.location, url).toString(), allowedSites);
        continue;
      }
      if (response.status < 200 || response.status >= 300) throw new DocumentRejectedError('document_url_failed', `网址返回 HTTP ${response.status}，无法导入`);
      return { data: response.body, contentType: response.headers['content-type'] ?? null, finalUrl: url.toString(), name: nameOf(url) };
    }
  }

  private checkedUrl(raw: string, allowedSites: readonly string[]): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new DocumentUrlRefusedError('网址格式不正确，请填写以 http:// 或 https:// 开头的完整网址');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DocumentUrlRefusedError('只能导入 http:// 或 https:// 网址');
    if (url.username || url.password) throw new DocumentUrlRefusedError('网址中不能包含用户名或密码');
    if (!isAllowedSite(url.hostname, allowedSites)) {
      throw new DocumentUrlRefusedError(
        allowedSites.length === 0 ? '尚未设置允许导入的站点：请先在「文档」页的站点设置中添加本企业的网站域名' : `${url.hostname} 不在允许导入的站点列表中（${allowedSites.join('、')}）`,
      );
    }
    url.hash = '';
    return url;
  }

  private async assertRobotsAllow(url: URL, deadline: number): Promise<void> {
    const robotsUrl = new URL('/robots.txt', url);
    let response: Response;
    try {
      response = await this.get(robotsUrl, ROBOTS_MAX_BYTES, deadline);
    } catch (err) {
      if (err instanceof DocumentUrlRefusedError) throw err;
      throw new DocumentRejectedError('document_robots_disallowed', `无法读取 ${url.origin}/robots.txt，按规范暂不抓取该站点，请稍后再试或上传文件`);
    }
    if (response.status >= 500) throw new DocumentRejectedError('document_robots_disallowed', `${url.origin}/robots.txt 暂时无法访问（HTTP ${response.status}），按规范暂不抓取该站点`);
    // 3xx, 4xx: no usable robots.txt, so nothing is disallowed (RFC 9309 §2.3.1.2–3).
    if (response.status < 200 || response.status >= 300) return;
    const robots = robotsParser(robotsUrl.toString(), response.body.toString('utf8'));
    if (robots.isDisallowed(url.toString(), DOCUMENT_USER_AGENT)) {
      throw new DocumentRejectedError('document_robots_disallowed', `该网站的 robots.txt 不允许抓取 ${url.pathname}，请上传文件，或请网站管理员放行 ${DOCUMENT_USER_AGENT}`);
    }
  }

  private async get(url: URL, maxBytes: number, deadline: number): Promise<Response> {
    try {
      await this.guard.check(url.toString());
    } catch (err) {
      throw refusedBy(err);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'GET',
          headers: { 'user-agent': `${DOCUMENT_USER_AGENT}/1.0 (Zhida document import)`, accept: '*/*' },
          lookup: this.guard.lookup,
          // A fresh connection per request: a pooled socket would skip the connect-time address check.
          agent: false,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            res.resume();
            finish(() => resolve({ status, headers: res.headers, body: Buffer.alloc(0) }));
            return;
          }
          const declared = Number(res.headers['content-length']);
          if (status >= 200 && status < 300 && Number.isFinite(declared) && declared > maxBytes) {
            res.destroy();
            finish(() => reject(tooLarge(maxBytes)));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              res.destroy();
              finish(() => reject(tooLarge(maxBytes)));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => finish(() => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) })));
          res.on('error', () => finish(() => reject(new DocumentRejectedError('document_url_failed', '读取网址内容时连接中断，请稍后重试'))));
        },
      );
      const timer = setTimeout(() => {
        finish(() => reject(timedOut()));
        req.destroy();
      }, remaining);
      req.on('error', (err) => finish(() => reject(err instanceof AppError ? refusedBy(err) : new DocumentRejectedError('document_url_failed', `无法连接 ${url.host}：${(err as NodeJS.ErrnoException).code ?? err.message}`))));
      req.end();
    });
  }
}

function refusedBy(err: unknown): AppError {
  if (err instanceof DocumentUrlRefusedError || err instanceof DocumentRejectedError) return err;
  const reason = (err as { reason?: string }).reason;
  if (reason === 'unresolvable') return new DocumentRejectedError('document_url_failed', '网址的域名无法解析，请检查网址');
  if (reason === 'private_address') return new DocumentUrlRefusedError('网址指向内网、本机或保留地址，出于安全考虑不能导入');
  return new DocumentUrlRefusedError(err instanceof Error ? err.message : '网址不能导入');
}

function tooLarge(maxBytes: number): DocumentTooLargeError {
  return new DocumentTooLargeError(`网址内容超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限`);
}

function timedOut(): DocumentRejectedError {
  return new DocumentRejectedError('document_url_failed', '读取网址超时，请稍后重试或下载后上传文件');
}

function nameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return url.hostname;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
