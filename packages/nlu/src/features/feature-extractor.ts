import { detectEmotion } from '../extract/detect-emotion.js';
import { speechActCues } from '../speech-act/speech-act-cues.js';
import { affectCues } from './affect-cues.js';
import { glossTerms } from '../tokenize/gloss-terms.js';
import { pinyinRuns } from '../tokenize/pinyin-syllables.js';
import { tokenizeWords } from '../tokenize/tokenize-words.js';
import type { UserDictionary } from '../tokenize/user-dictionary.js';
import type { FeatureConfig } from './feature-config.js';

const ASTRAL = /[\uD800-\uDFFF]/;
// Order, phone, card and ticket numbers are identifiers: their digits say nothing about the intent, and
// as forty-odd character n-grams they outvote the words (naive Bayes counts each one). One mark keeps
// the fact that a number was given, next to its context ("订单#").
const LONG_NUMBER = /\d{5,}/g;
const NUMBER_MARK = '#';

/** Feature name → raw count. Names are prefixed by group: `w:` word, `c:` char, `p:` pinyin, `u:` user word, `e:` emotion, `k:` speech-act cue, `a:` affect cue. */
export type FeatureCounts = Map<string, number>;

/**
 * Turns normalised text into sparse, named features (word n-grams, char n-grams, pinyin
 * n-grams, tenant words). Stateless apart from its config and user dictionary.
 * @example new FeatureExtractor(config).extract('我想退货') // Map { 'w:我' => 1, 'c:退货' => 1, … }
 */
export class FeatureExtractor {
  constructor(
    private readonly config: FeatureConfig,
    private readonly userDictionary?: UserDictionary,
  ) {}

  /**
   * `source` is the text before normalisation, where punctuation still is (a question mark is a speech-act cue; the
   * affect cues read its ？/！ runs and emoji); optional.
   */
  extract(normalized: string, source?: string): FeatureCounts {
    const counts: FeatureCounts = new Map();
    const add = (key: string): void => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    const { weights } = this.config;
    this.addTextFeatures(normalized.replace(LONG_NUMBER, NUMBER_MARK), add);
    if (this.config.crossLingual) {
      const gloss = glossTerms(normalized);
      if (gloss.length > 0) this.addTextFeatures(gloss, add);
    }
    if (this.config.emotion && weights.emotion > 0) {
      const emotion = detectEmotion(normalized);
      if (emotion.label !== 'neutral') add('e:' + emotion.label);
    }
    if (this.config.speechActCues && weights.cue > 0) {
      for (const cue of speechActCues(normalized, source)) add('k:' + cue);
    }
    if (this.config.affectCues && weights.affect > 0) {
      for (const cue of affectCues(source ?? normalized)) add('a:' + cue);
    }
    if (this.userDictionary && weights.user > 0) {
      for (const word of this.userDictionary.find(normalized)) add('u:' + word);
    }
    return counts;
  }

  // Word, character and pinyin n-grams of one text (the message, or the Chinese gloss of its English).
  private addTextFeatures(text: string, add: (key: string) => void): void {
    const { wordNgrams, charNgramMin, charNgramMax, pinyin, weights } = this.config;
    if (weights.word > 0) {
      const words = tokenizeWords(text);
      for (let n = 1; n <= wordNgrams; n++) {
        for (let i = 0; i + n <= words.length; i++) add('w:' + words.slice(i, i + n).join(' '));
      }
    }
    if (weights.char > 0 && charNgramMax >= charNgramMin) {
      for (const chunk of text.split(' ')) {
        if (chunk.length === 0) continue;
        const padded = '\u2581' + chunk + '\u2581';
        // Substrings are cheap; only text with astral characters needs code-point splitting.
        const chars = ASTRAL.test(padded) ? [...padded] : undefined;
        const length = chars ? chars.length : padded.length;
        const at = (i: number, n: number): string => (chars ? chars.slice(i, i + n).join('') : padded.slice(i, i + n));
        for (let n = Math.max(1, charNgramMin); n <= charNgramMax; n++) {
          for (let i = 0; i + n <= length; i++) {
            if (n === 1 && (i === 0 || i === length - 1)) continue;
            add('c:' + at(i, n));
          }
        }
        if (this.config.skipBigrams) {
          for (let i = 0; i + 2 < length; i++) add('c:' + at(i, 1) + '\u2026' + at(i + 2, 1));
        }
      }
    }
    if (pinyin && weights.pinyin > 0) {
      for (const run of pinyinRuns(text)) {
        for (let i = 0; i < run.length; i++) {
          add('p:' + run[i]);
          if (i + 1 < run.length) add('p:' + run[i] + '_' + run[i + 1]);
        }
      }
    }
  }
}
