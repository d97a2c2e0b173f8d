import { describe, expect, it } from 'vitest';
import { isSpecificAddress, matchInstallationAddress, normalizeInstallationAddress } from './installation-address.js';

const LINES = [
  { account: 'KD1', address: '上海市浦东新区张江路88弄3号1202室' },
  { account: 'KD2', address: '上海市闵行区七莘路 88 弄 3 号 1202 室' },
  { account: 'KD3', address: '上海市浦东新区张江路88弄3号1203室' },
  { account: 'KD4', address: '上海市徐汇区漕溪北路595弄12号801室' },
];

describe('normalizeInstallationAddress', () => {
  it('folds full-width forms, spacing and punctuation', () => {
    expect(normalizeInstallationAddress('上海市浦东新区张江路 88 弄 ３ 号 １２０２ 室。')).toBe('上海市浦东新区张江路88弄3号1202室');
    expect(normalizeInstallationAddress('张江路88弄，3号楼1202室！')).toBe('张江路88弄3号1202室');
    expect(normalizeInstallationAddress('张江路88弄3#1202')).toBe('张江路88弄3号1202');
    expect(normalizeInstallationAddress('望京街10号 b座 3－1202')).toBe('望京街10号B座3-1202');
  });
});

describe('isSpecificAddress', () => {
  it('wants a street or lane, a building and a room', () => {
    expect(isSpecificAddress('张江路88弄3号1202室')).toBe(true);
    expect(isSpecificAddress('88弄3号1202')).toBe(true);
    expect(isSpecificAddress('望京街10号2幢1单元502室')).toBe(true);
    expect(isSpecificAddress('3号1202室')).toBe(false);
    expect(isSpecificAddress('张江路88弄3号')).toBe(false);
    expect(isSpecificAddress('张江路88弄1202室')).toBe(false);
  });
});

describe('matchInstallationAddress', () => {
  it('matches a full address however it is spelled', () => {
    expect(matchInstallationAddress('上海市浦东新区张江路 88 弄 3 号 1202 室。', LINES)).toEqual({ kind: 'match', account: 'KD1' });
    expect(matchInstallationAddress('上海市闵行区七莘路88弄3号1202室', LINES)).toEqual({ kind: 'match', account: 'KD2' });
    expect(matchInstallationAddress('宽带装在上海市浦东新区张江路88弄3号1202室，一直断网', LINES)).toEqual({ kind: 'match', account: 'KD1' });
  });

  it('matches a partial address that only one line contains', () => {
    expect(matchInstallationAddress('张江路88弄3号1202室', LINES)).toEqual({ kind: 'match', account: 'KD1' });
    expect(matchInstallationAddress('漕溪北路595弄12号801', LINES)).toEqual({ kind: 'match', account: 'KD4' });
  });

  it('never guesses between lines', () => {
    expect(matchInstallationAddress('88弄3号1202室', LINES)).toEqual({ kind: 'ambiguous' });
    expect(matchInstallationAddress('上海市浦东新区张江路88弄3号1202室', [...LINES, { account: 'KD5', address: '上海市浦东新区张江路88弄3号1202室' }])).toEqual({ kind: 'ambiguous' });
  });

  it('does not cut numbers in two', () => {
    expect(matchInstallationAddress('张江路88弄3号120', LINES)).toEqual({ kind: 'not_found' });
    expect(matchInstallationAddress('8弄3号1202室', LINES)).toEqual({ kind: 'not_found' });
    expect(matchInstallationAddress('张江路88弄3号12021室', LINES)).toEqual({ kind: 'not_found' });
  });

  it('refuses vague or unknown addresses', () => {
    expect(matchInstallationAddress('张江路88弄', LINES)).toEqual({ kind: 'too_vague' });
    expect(matchInstallationAddress('3号1202室', LINES)).toEqual({ kind: 'too_vague' });
    expect(matchInstallationAddress('北京市朝阳区望京街10号2幢1501室', LINES)).toEqual({ kind: 'not_found' });
    expect(matchInstallationAddress('。', LINES)).toEqual({ kind: 'not_found' });
    // A vague address on file does not claim every flat of the lane.
    expect(matchInstallationAddress('上海市长宁区安化路20弄5号601室', [{ account: 'KD9', address: '安化路20弄' }])).toEqual({ kind: 'not_found' });
  });
});
