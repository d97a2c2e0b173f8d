import type { AgentActionResult } from './workspace-api-types.js';

/**
 * A successful action's data as label/value rows: empty values dropped, nested ones as JSON.
 * @example actionResultRows({ ok: true, data: { status: '已发货', items: [1] } }) // [['status', '已发货'], ['items', '[1]']]
 */
export function actionResultRows(answer: AgentActionResult): Array<[string, string]> {
  return Object.entries(answer.data ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => [name, typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)]);
}
