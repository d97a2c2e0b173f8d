/** The kinds of personal data `detectPii` reports. */
export type PiiType = 'id_card' | 'mobile' | 'bank_card' | 'email' | 'address';

/** One piece of personal data in a text, with the masked form that replaces it. */
export type PiiMatch = {
  type: PiiType;
  text: string;
  start: number;
  end: number;
  masked: string;
  confidence: number;
};
