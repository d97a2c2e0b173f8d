import { describe, expect, it } from 'vitest';
import { affectCues } from './affect-cues.js';

describe('affect cues', () => {
  it('names every cue kind present, so praise beside a complaint shows as both', () => {
    const cues = affectCues('谢谢你们，东西太垃圾了');
    expect(cues).toContain('cue:satisfied');
    expect(cues).toContain('cue:anger');
  });

  it('carries the risk lexicon level and reasons', () => {
    expect(affectCues('再不处理我就找律师起诉你们')).toEqual(expect.arrayContaining(['risk:high', 'reason:legal_threat']));
  });

  it('keeps the question and exclamation runs that normalisation removes', () => {
    expect(affectCues('怎么还没发货？？')).toContain('mark:??');
    expect(affectCues('能开发票吗?')).toContain('mark:?');
    expect(affectCues('太慢了！')).toContain('mark:!');
  });

  it('marks a plain how-to question and nothing else', () => {
    expect(affectCues('发票在哪里开')).toEqual(['how_to']);
  });

  it('names the threat and despair families a phrase list cannot enumerate', () => {
    expect(affectCues('我会把录音寄给报社')).toEqual(expect.arrayContaining(['phrase:public_scene', 'threat']));
    expect(affectCues('明天就到你们总部门口')).toContain('threat');
    expect(affectCues('真当我不敢告你们？')).toContain('resolve');
    expect(affectCues('不想再撑下去了')).toContain('phrase:despair');
    expect(affectCues('i just want to end it all')).toContain('phrase:despair');
  });

  it('marks a threat word inside a question about the route, but not a dare put as a question', () => {
    expect(affectCues('申请行政复议需要哪些材料')).toContain('threat:asked');
    expect(affectCues('要不要我把这事告诉媒体？')).not.toContain('threat:asked');
  });

  it('takes the threat flag from a high lexicon reason only, not from asking about a regulator', () => {
    expect(affectCues('12315是什么')).not.toContain('threat');
  });
});
