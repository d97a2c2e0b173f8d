// The demo operator's own address matcher (the in-process demo in Zhida's server has the same rules).
/**
 * Finding a broadband line by the installation address a customer types. Only an unambiguous
 * answer counts: the caller files a repair against whatever this returns, so a vague or shared
 * address must never be resolved by guessing.
 */

export interface AddressedLine {
  account: string;
  address: string;
}

export type AddressMatch = { kind: 'match'; account: string } | { kind: 'ambiguous' } | { kind: 'not_found' } | { kind: 'too_vague' };

/**
 * One spelling per address: full-width forms folded (NFKC: `１２０２` → `1202`), spaces and
 * punctuation dropped (`88 弄 3 号`, trailing `。`), `#` and `号楼` read as `号`. Hyphens stay,
 * since `3-1202` is itself a building-room number.
 * @example normalizeInstallationAddress('张江路 88 弄 ３ 号 1202 室。') // '张江路88弄3号1202室'
 */
export function normalizeInstallationAddress(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/#/g, '号')
    .replace(/号楼/g, '号')
    .replace(/[\s\p{P}\p{S}]/gu, (c) => (c === '-' ? c : ''));
}

// A building (3号, 5幢, 2栋, B座, 3号楼 → 3号), optionally a unit, then a room (1202室, or bare 1202).
const BUILDING_AND_ROOM = /(?:\d+[A-Z]?|[A-Z])(?:号|幢|栋|座)(?:\d+单元)?(?:\d+[A-Z]?室|\d{3,})/;

/**
 * Specific enough to stand for one home: a building and a room, with a street, lane or
 * compound before them. `3号1202室` alone is shared by thousands of homes in any city.
 */
export function isSpecificAddress(normalized: string): boolean {
  const m = BUILDING_AND_ROOM.exec(normalized);
  return m !== null && m.index >= 2;
}

const DIGIT = /\d/;

/** Whether `part` occurs in `whole` without cutting a number in two (`8弄` is not in `88弄`, `120` not in `1202`). */
function containsAtBoundaries(whole: string, part: string): boolean {
  for (let i = whole.indexOf(part); i !== -1; i = whole.indexOf(part, i + 1)) {
    const cutsBefore = i > 0 && DIGIT.test(part[0]!) && DIGIT.test(whole[i - 1]!);
    const after = whole[i + part.length];
    const cutsAfter = after !== undefined && DIGIT.test(part.at(-1)!) && DIGIT.test(after);
    if (!cutsBefore && !cutsAfter) return true;
  }
  return false;
}

function single(accounts: string[]): AddressMatch {
  const distinct = [...new Set(accounts)];
  if (distinct.length === 1) return { kind: 'match', account: distinct[0]! };
  return distinct.length === 0 ? { kind: 'not_found' } : { kind: 'ambiguous' };
}

/**
 * The line at `input`: the one whose full address the input equals or contains (a customer may
 * write `装在上海市浦东新区张江路88弄3号1202室`), else — for a specific enough input — the one
 * address that contains it. Two lines at the same address, or a partial address that fits two,
 * are `ambiguous`.
 */
export function matchInstallationAddress(input: string, lines: readonly AddressedLine[]): AddressMatch {
  const query = normalizeInstallationAddress(input);
  if (query === '') return { kind: 'not_found' };
  const known = lines.map((l) => ({ account: l.account, address: normalizeInstallationAddress(l.address) })).filter((l) => l.address !== '');
  // A stored address inside a longer input must itself be specific: `张江路88弄` on file must not claim every flat of the lane.
  const whole = known.filter((l) => l.address === query || (isSpecificAddress(l.address) && containsAtBoundaries(query, l.address)));
  if (whole.length > 0) return single(whole.map((l) => l.account));
  if (!isSpecificAddress(query)) return { kind: 'too_vague' };
  return single(known.filter((l) => containsAtBoundaries(l.address, query)).map((l) => l.account));
}
