const IRREGULAR: Record<string, string> = {
  am: 'be', is: 'be', are: 'be', was: 'be', were: 'be', been: 'be',
  has: 'have', had: 'have', does: 'do', did: 'do', done: 'do',
  paid: 'pay', sent: 'send', got: 'get', gotten: 'get', made: 'make', went: 'go', gone: 'go',
  bought: 'buy', took: 'take', taken: 'take', told: 'tell', said: 'say', left: 'leave',
  children: 'child', people: 'person', men: 'man', women: 'woman',
};

/**
 * A light English stemmer (plurals, -ing, -ed, -ly, -ies) — enough to make "cards",
 * "carded" and "carding" one feature without Porter's over-stemming of short words.
 * @example stemEnglish('charges') // 'charg'
 */
export function stemEnglish(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3) w = w.slice(0, -1) + 'i';
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1] ?? '') ? w.slice(0, -1) : w;
}
