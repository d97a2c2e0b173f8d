import type { AgentActionResult } from './workspace-api-types.js';

/**
 * The connector's answer as label/value rows: the `result` object when the server wraps it, else
 * the fields themselves; empty values dropped, nested ones as JSON.
 * @example actionResultRows({ result: { status: '已发货', items: [1] } }) // [['status', '已发货'], ['items', '[1]']]
 */
export function actionResultRows(answer: AgentActionResult): Array<[string, string]> {
  const body = answer.result && typeof answer.result === 'object' && !Array.isArray(answer.result) ? answer.result : answer;
  return Object.entries(body)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => [name, typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)]);
}
