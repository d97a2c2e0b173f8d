import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SsrfGuard } from '../../webhooks/ssrf-guard.js';
import type { DocumentLlmEndpoint } from './document-llm-settings.js';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** Why a chat completion gave no text; the caller falls back to the extractive answer. */
export type ChatFailure = 'refused_target' | 'timeout' | 'http_error' | 'bad_response' | 'network';
export type ChatResult = { ok: true; text: string } | { ok: false; failure: ChatFailure; detail: string };

// A chat answer is a few hundred characters; anything near this is not one.
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * A minimal OpenAI-compatible `POST {baseUrl}/chat/completions` client (Qwen/DashScope, DeepSeek, GLM, Doubao and
 * self-hosted vLLM all speak it). Every call goes through the SSRF guard — checked URL, checked addresses at connect
 * time, no redirects, a fresh connection — and is cut after `timeoutMs`. Never throws.
 * @example
 * const r = await client.complete({ baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKey }, [{ role: 'user', content: '你好' }]);
 */
export class ChatCompletionsClient {
  constructor(
    private readonly guard: SsrfGuard,
    private readonly timeoutMs = 15_000,
  ) {}

  async complete(endpoint: DocumentLlmEndpoint, messages: ChatMessage[], options: { temperature?: number; maxTokens?: number } = {}): Promise<ChatResult> {
    let url: URL;
    try {
      url = (await this.guard.check(`${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`)).url;
    } catch (err) {
      return { ok: false, failure: 'refused_target', detail: (err as Error).message };
    }
    const body = JSON.stringify({ model: endpoint.model, messages, temperature: options.temperature ?? 0, max_tokens: options.maxTokens ?? 400, stream: false });
    return new Promise<ChatResult>((resolve) => {
      let settled = false;
      const finish = (r: ChatResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
          },
          lookup: this.guard.lookup,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              finish({ ok: false, failure: 'bad_response', detail: 'response too large' });
              req.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return finish({ ok: false, failure: 'http_error', detail: `HTTP ${status}` });
            finish(readChoice(Buffer.concat(chunks).toString('utf8')));
          });
          res.on('error', (err) => finish({ ok: false, failure: 'network', detail: err.message }));
        },
      );
      const timer = setTimeout(() => {
        finish({ ok: false, failure: 'timeout', detail: `no answer within ${this.timeoutMs / 1000} s` });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err) => finish({ ok: false, failure: 'network', detail: err.message }));
      req.end(body);
    });
  }
}

function readChoice(raw: string): ChatResult {
  try {
    const json = JSON.parse(raw) as { choices?: { message?: { content?: unknown } }[] };
    const content = json.choices?.[0]?.message?.content;
    if (typeof content === 'string' && content.trim()) return { ok: true, text: content.trim() };
  } catch {
    // fall through
  }
  return { ok: false, failure: 'bad_response', detail: 'no choices[0].message.content' };
}
