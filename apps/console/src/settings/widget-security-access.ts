import type { Role } from '../api/api-types.js';

/**
 * Only admins see and change where the widget may run and how visitors are verified: a wrong
 * setting breaks the tenant's live embed. The server enforces the same rule; the console only
 * avoids offering a screen that would answer 403 (server permission `settings.manage`, admin only).
 * @example canManageWidgetSecurity('supervisor') // false: the navigation entry is hidden
 */
export function canManageWidgetSecurity(role: Role): boolean {
  return role === 'admin';
}
