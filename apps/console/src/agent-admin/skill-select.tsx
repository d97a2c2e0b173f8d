import { Select } from 'antd';
import { normalizeSkills, skillSuggestions } from './skill-tags.js';
import { USUAL_SKILLS } from './usual-skills.js';

interface SkillSelectProps {
  value?: string[];
  onChange?: (skills: string[]) => void;
  /** Skills the tenant already uses (agents, groups), suggested before the templates' usual ones. */
  inUse: readonly string[];
  placeholder?: string;
  testId?: string;
}

/** A tag input for skills: free text or a suggestion, normalised as the router compares them. */
export function SkillSelect({ value = [], onChange, inUse, placeholder, testId }: SkillSelectProps) {
  return (
    <Select
      mode="tags"
      value={value}
      onChange={(next: string[]) => onChange?.(normalizeSkills(next))}
      tokenSeparators={[',', '，', '、', ';', '；']}
      options={skillSuggestions(inUse, USUAL_SKILLS, value).map((skill) => ({ value: skill, label: skill }))}
      placeholder={placeholder}
      className="agent-admin__skills"
      data-testid={testId}
    />
  );
}
