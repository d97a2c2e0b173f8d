import { describe, expect, it } from 'vitest';
import { insertIntoDraft } from './draft-insertion.js';

describe('inserting into the reply draft', () => {
  it('fills an empty box', () => {
    expect(insertIntoDraft('', '  已为您登记退货 ')).toEqual({ text: '已为您登记退货', caret: 7 });
  });

  it('adds a new line after what the agent already wrote', () => {
    expect(insertIntoDraft('您好，\n\n', '已为您登记')).toEqual({ text: '您好，\n已为您登记', caret: 9 });
  });

  it('replaces the /command it was picked from, keeping the text around it', () => {
    expect(insertIntoDraft('好的 /退货 谢谢', '请寄回上海', { start: 3, end: 6 })).toEqual({ text: '好的 请寄回上海 谢谢', caret: 8 });
  });

  it('clamps a range beyond the text', () => {
    expect(insertIntoDraft('ab', 'X', { start: 5, end: 9 })).toEqual({ text: 'abX', caret: 3 });
  });
});
