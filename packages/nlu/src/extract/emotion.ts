/** The customer's dominant emotion in one message; `cues` name what triggered it. */
export type Emotion = {
  label: 'anger' | 'anxiety' | 'neutral' | 'satisfied';
  score: number;
  cues: string[];
};
