import { ApiError } from '../api/api-error.js';
import type { Translate } from './translate.js';
import { zhCN, type MessageKey } from './zh-CN.js';

/**
 * Text to show for a failure: the catalogue's text for codes it knows (`error.code.<code>`: the
 * server words some refusals in English), else the server's own message when it sent one
 * (it is written for humans), otherwise a catalogue text for the code.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.generic', { code: 'unknown' });
  if (error.code === 'network_error') return t('error.network');
  const known = `error.code.${error.code}`;
  if (Object.hasOwn(zhCN, known)) return t(known as MessageKey);
  if (error.message.trim()) return error.message;
  if (error.status === 403) return t('error.forbidden');
  return t('error.generic', { code: error.code });
}
