/** The reply box's text and where its caret goes after an insertion. */
export interface DraftEdit {
  text: string;
  caret: number;
}

/**
 * Puts a suggestion, canned reply or knowledge answer into the draft for editing, never sending
 * it. With a range (the `/command` being replaced, or the selection) the text replaces that range;
 * otherwise it goes on a new line after what the agent already wrote, or fills an empty box.
 * @example insertIntoDraft('您好', '已为您登记') // { text: '您好\n已为您登记', caret: 8 }
 */
export function insertIntoDraft(draft: string, insertion: string, range?: { start: number; end: number }): DraftEdit {
  const body = insertion.trim();
  if (range) {
    const start = clamp(range.start, draft.length);
    const end = clamp(Math.max(range.end, start), draft.length);
    const text = draft.slice(0, start) + body + draft.slice(end);
    return { text, caret: start + body.length };
  }
  const kept = draft.replace(/\s+$/, '');
  const text = kept ? `${kept}\n${body}` : body;
  return { text, caret: text.length };
}

function clamp(index: number, length: number): number {
  return Math.min(Math.max(0, index), length);
}
