import type { Visitor } from '../api/api-types.js';
import type { Translate } from '../i18n/translate.js';

/**
 * The visitor's name, or "访客 3F2A" (last four characters of their id) when anonymous,
 * so agents can tell anonymous visitors apart at a glance.
 */
export function visitorLabel(visitor: Visitor, t: Translate): string {
  const name = visitor.name?.trim();
  if (name) return name;
  const suffix = visitor.id.replace(/[^0-9a-z]/gi, '').slice(-4).toUpperCase();
  return t('conversation.anonymousVisitor', { suffix });
}
