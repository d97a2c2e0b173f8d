import { Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';

type Checker = { check(password: string, userInputs?: string[]): { score: 0 | 1 | 2 | 3 | 4 } };
let checker: Promise<Checker> | null = null;

// zxcvbn-ts and its dictionaries are ~1 MB: loaded the first time a password is typed, not with the console.
function loadChecker(): Promise<Checker> {
  checker ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }) as Checker,
  );
  return checker;
}

const LABELS: MessageKey[] = ['password.strength.0', 'password.strength.1', 'password.strength.2', 'password.strength.3', 'password.strength.4'];
const COLOURS = ['#ff4d4f', '#ff7a45', '#faad14', '#52c41a', '#389e0d'];
const NO_INPUTS: string[] = [];

/** How hard the password is to guess (zxcvbn score 0–4); the server still decides (length and the 10,000 commonest refused). */
export function PasswordStrengthMeter({ password, userInputs = NO_INPUTS }: { password: string; userInputs?: string[] }) {
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    if (!password) {
      setScore(null);
      return;
    }
    void loadChecker().then((c) => {
      if (live) setScore(c.check(password, userInputs).score);
    });
    return () => {
      live = false;
    };
  }, [password, userInputs]);
  if (score === null) return null;
  return (
    <div data-testid="password-strength" data-score={score}>
      <Progress percent={(score + 1) * 20} steps={5} showInfo={false} strokeColor={COLOURS[score]} size="small" />
      <Typography.Text type={score < 2 ? 'danger' : 'secondary'}>{t(LABELS[score]!)}</Typography.Text>
    </div>
  );
}
