import type { Role } from '../api/api-types.js';

const editors: ReadonlySet<Role> = new Set<Role>(['admin', 'supervisor']);

/** Whether a role may create, edit or delete FAQs. The server enforces this too; the console only hides controls. */
export function canEditFaq(role: Role): boolean {
  return editors.has(role);
}
