import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors/app-error.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_DEPTH = 64;

/**
 * JSON bodies are decoded strictly: invalid UTF-8 is a 400, never silently
 * replaced; `__proto__`/`constructor` keys are refused (Fastify's secure
 * parser); absurd nesting is refused before it reaches a handler.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const secureParse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new BadRequestError('Request body is not valid UTF-8', 'invalid_utf8'), undefined);
      return;
    }
    if (nestingDepth(text) > MAX_DEPTH) {
      done(new BadRequestError(`JSON nested deeper than ${MAX_DEPTH} levels`, 'invalid_json'), undefined);
      return;
    }
    secureParse(request, text, (err, value) => {
      if (err) done(new BadRequestError(err.message, 'invalid_json'), undefined);
      else done(null, value);
    });
  });
}

function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
