/** The server's limits for a skill and a profile's skills (`skillsSchema`). */
export const MAX_SKILL_LENGTH = 40;
export const MAX_SKILLS = 50;

/**
 * Skills as the router compares them: full-width forms folded (NFKC: `ＥＮＧＬＩＳＨ` → `ENGLISH`),
 * inner whitespace collapsed, pasted lists split on commas and 、；, empty and over-long entries
 * dropped, and duplicates removed ignoring case — keeping the first spelling, so `english` added
 * next to `English` does not make a second skill the router would treat differently.
 * @example normalizeSkills([' 售后 ', '信用卡，English', 'english']) // ['售后', '信用卡', 'English']
 */
export function normalizeSkills(input: readonly string[]): string[] {
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const raw of input) {
    for (const part of raw.normalize('NFKC').split(/[,;、，；\n]/)) {
      const skill = part.replace(/\s+/g, ' ').trim();
      if (!skill || skill.length > MAX_SKILL_LENGTH) continue;
      const key = skill.toLocaleLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      skills.push(skill);
    }
  }
  return skills.slice(0, MAX_SKILLS);
}

/**
 * The options of the skill picker: skills already used in the tenant (by agents and groups) first,
 * then the usual skills of the industry templates, each once, without those already chosen.
 * @example skillSuggestions(['售后'], ['售后', 'English'], ['English']) // ['售后']
 */
export function skillSuggestions(inUse: readonly string[], usual: readonly string[], chosen: readonly string[]): string[] {
  const taken = new Set(normalizeSkills(chosen).map((skill) => skill.toLocaleLowerCase()));
  return normalizeSkills([...inUse, ...usual]).filter((skill) => !taken.has(skill.toLocaleLowerCase()));
}
