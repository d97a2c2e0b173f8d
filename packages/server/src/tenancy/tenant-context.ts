/**
 * The scope every repository call takes first. It is derived from the
 * authenticated principal, never from client input, so a query cannot be
 * written without saying whose data it touches.
 */
export interface TenantContext {
  readonly tenantId: string;
}
