import { z } from 'zod';

/** Which features a classifier sees, and how much each group counts after per-group L2 normalisation. */
export const featureConfigSchema = z.object({
  /** Longest word n-gram (1 = unigrams, 2 = uni+bigrams). */
  wordNgrams: z.number().int().min(1).max(3).default(2),
  /** Character n-grams inside each whitespace-separated chunk, padded with a boundary mark. */
  charNgramMin: z.number().int().min(1).max(6).default(1),
  charNgramMax: z.number().int().min(0).max(6).default(3),
  /** Character bigrams with one character skipped ("退…款"), robust to inserted words. */
  skipBigrams: z.boolean().default(false),
  /** Toneless pinyin uni+bigrams of Han characters (homophone typos). */
  pinyin: z.boolean().default(true),
  /** Also read English customer-service terms and chat shorthand (3q, 咋整) as their plain Chinese wording (see `glossTerms`). */
  crossLingual: z.boolean().default(true),
  /** The detected emotion (anger, anxiety, satisfied) as a feature: it separates a complaint from its topic. */
  emotion: z.boolean().default(true),
  /** Speech-act cues from the lexicon (question particles, 我的/帮我, order numbers…) as features (see `speechActCues`); for the question/request classifier. */
  speechActCues: z.boolean().default(false),
  /**
   * What the emotion and risk lexicons find in the text as written (which cue kinds, which risk reasons; see
   * `affectCues`): the emotion and risk classifiers learn how far to trust each, instead of obeying them.
   */
  affectCues: z.boolean().default(false),
  weights: z
    .object({
      word: z.number().min(0).default(1),
      char: z.number().min(0).default(1),
      pinyin: z.number().min(0).default(1),
      user: z.number().min(0).default(1),
      emotion: z.number().min(0).default(1),
      cue: z.number().min(0).default(1),
      affect: z.number().min(0).default(1),
    })
    .prefault({}),
  /** Features seen in fewer training texts are dropped (keeps big models small). */
  minDf: z.number().int().min(1).default(1),
});

export type FeatureConfig = z.infer<typeof featureConfigSchema>;
export type FeatureConfigInput = z.input<typeof featureConfigSchema>;

/** Feature groups, in the order of their one-letter prefixes. */
export const FEATURE_GROUPS = ['word', 'char', 'pinyin', 'user', 'emotion', 'cue', 'affect'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];
export const GROUP_PREFIX: Record<FeatureGroup, string> = { word: 'w', char: 'c', pinyin: 'p', user: 'u', emotion: 'e', cue: 'k', affect: 'a' };
