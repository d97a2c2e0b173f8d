import { describe, expect, it } from 'vitest';
import { MAX_SKILL_LENGTH, normalizeSkills, skillSuggestions } from './skill-tags.js';

describe('skill tags', () => {
  it('trims, collapses inner spaces and drops empty entries', () => {
    expect(normalizeSkills(['  售后 ', '', '   ', '政务  -  社保'])).toEqual(['售后', '政务 - 社保']);
  });

  it('splits a pasted list on Chinese and Latin separators', () => {
    expect(normalizeSkills(['信用卡，贷款、理财;English'])).toEqual(['信用卡', '贷款', '理财', 'English']);
  });

  it('folds full-width letters and keeps the first spelling of a case-insensitive duplicate', () => {
    expect(normalizeSkills(['ＥＮＧＬＩＳＨ', 'English', 'english', '售后', '售后'])).toEqual(['ENGLISH', '售后']);
  });

  it('drops a skill longer than the limit', () => {
    expect(normalizeSkills(['x'.repeat(MAX_SKILL_LENGTH + 1), '宽带'])).toEqual(['宽带']);
  });
});

describe('skill suggestions', () => {
  it('offers the tenant’s own skills first, then the usual ones, without those chosen', () => {
    expect(skillSuggestions(['信用卡', 'VIP'], ['English', 'vip', '售后'], ['english'])).toEqual(['信用卡', 'VIP', '售后']);
  });
});
