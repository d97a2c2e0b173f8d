import type { ApiClient } from '../api/api-client.js';
import type { AgentGroup, Page } from '../api/api-types.js';
import type { Dashboard, DashboardFilter } from './dashboard-api-types.js';

/** The query string of a filter, without empty values. */
export function dashboardQuery(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params.toString();
}

/**
 * The analytics routes (`analytics.read`: admin, supervisor, analyst).
 * @example const board = await new DashboardApi(api).dashboard({ from: '2026-11-01', to: '2026-11-30' });
 */
export class DashboardApi {
  constructor(private readonly api: ApiClient) {}

  dashboard(filter: DashboardFilter): Promise<Dashboard> {
    return this.api.send('GET', `/analytics/dashboard?${dashboardQuery(filter)}`);
  }

  groups(): Promise<Page<AgentGroup>> {
    return this.api.send('GET', '/agent-groups');
  }

  /** A CSV download link (the session cookie authenticates it; the server streams the file). */
  static csvUrl(kind: 'daily' | 'conversations', filter: DashboardFilter): string {
    return `/api/v1/analytics/export/${kind}.csv?${dashboardQuery(filter)}`;
  }
}
