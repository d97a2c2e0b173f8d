import type { DialogueMessageKey } from './dialogue-messages.js';
import type { NluParse } from './nlu-parse.js';

/**
 * The reply to small talk. "真是谢谢你们啊，让我白跑三趟" is classified as thanks, but the NLU hears anger in it:
 * "不客气，很高兴能帮到您" would be the worst answer, so sarcastic thanks gets an apology and a question instead.
 * The emotion's label decides, not its score: sarcasm carries no angry words for the score to rise on.
 */
export function smallTalkPhrase(intent: 'greeting' | 'thanks' | 'goodbye', nlu: Pick<NluParse, 'emotion'>): DialogueMessageKey {
  return intent === 'thanks' && nlu.emotion.label === 'anger' ? 'upsetThanks' : intent;
}
