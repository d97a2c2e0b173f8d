// "想了想还是…", "要不…", "actually … instead": the customer says they changed their mind.
const CHANGE_OF_MIND = /还是|改主意|想了想|想了一下|要不|\binstead\b|\bactually\b|on second thought|changed? my mind/i;
const CHANGE_OF_MIND_ALL = new RegExp(CHANGE_OF_MIND.source, 'gi');
// The clause a change of mind settles on ends at the next clause break: "还是换59的吧，…".
const CLAUSE_END = /[，,。.；;！!？?\n]/;

/**
 * What a change of mind settles on: the clause after its last cue. "呃29的才5个G，怕不够用，还是换59的吧" names the
 * plan it leaves too, and "还是把登录那个重置吧，交易的我又想起来了" the password it keeps — read whole, two options
 * come equally close and nothing is changed. Undefined without a cue or with nothing after it.
 * @example settledOn('自己寄太麻烦了，还是上门取吧') // '上门取吧'
 */
export function settledOn(text: string): string | undefined {
  const cues = [...text.matchAll(CHANGE_OF_MIND_ALL)];
  const last = cues.at(-1);
  if (last?.index === undefined) return undefined;
  const rest = text.slice(last.index + last[0].length);
  const clause = rest.split(CLAUSE_END)[0]?.trim() ?? '';
  return clause === '' ? undefined : clause;
}

/** The message says the customer changed their mind ("想了想还是…", "要不还是…", "actually … instead"). */
export function mentionsChangeOfMind(text: string): boolean {
  return CHANGE_OF_MIND.test(text);
}
