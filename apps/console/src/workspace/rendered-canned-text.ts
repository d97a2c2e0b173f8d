/**
 * The text of `GET /canned-replies/:id/render`: `text` (or `body`), else the unrendered body, so a
 * missing variable never blocks the agent — they see `{orderNumber}` and fill it in by hand.
 * @example renderedCannedText({ text: '张三您好' }, '{customerName}您好') // '张三您好'
 */
export function renderedCannedText(answer: unknown, fallback: string): string {
  if (answer && typeof answer === 'object') {
    const record = answer as Record<string, unknown>;
    for (const key of ['text', 'body'] as const) {
      const value = record[key];
      if (typeof value === 'string') return value;
    }
  }
  return fallback;
}
