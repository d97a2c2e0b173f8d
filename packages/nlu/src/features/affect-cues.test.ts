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
});
