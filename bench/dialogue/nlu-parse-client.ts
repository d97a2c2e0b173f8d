import { z } from 'zod';

export class NluParseHttpError extends Error {
  readonly code = 'nlu_parse_http_error';
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`POST /api/v1/nlu/parse → HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

// Only what the bench reads; `ambiguous` is optional so the bench can say "n/a" for a server without it.
const parseAnswerSchema = z.object({
  intent: z.object({ name: z.string(), confidence: z.number() }).nullable(),
  candidates: z.array(z.object({ name: z.string(), confidence: z.number() })),
  ambiguous: z.boolean().optional(),
});
export type NluParseAnswer = z.infer<typeof parseAnswerSchema>;

/**
 * `POST /api/v1/nlu/parse` as an integrator calls it: a tenant API key as Bearer token.
 *
 * @example const nlu = new NluParseClient(base, apiKey); (await nlu.parse('账户的事')).ambiguous
 */
export class NluParseClient {
  constructor(
    private readonly base: string,
    private readonly apiKey: string,
  ) {}

  async parse(text: string): Promise<NluParseAnswer> {
    const res = await fetch(new URL('/api/v1/nlu/parse', this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ text }),
    });
    const body = await res.text();
    if (!res.ok) throw new NluParseHttpError(res.status, body);
    return parseAnswerSchema.parse(JSON.parse(body));
  }
}
