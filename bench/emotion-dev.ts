/**
 * Tuning loop for the emotion and risk classifier on the training part only: 5-fold cross-validated
 * misses (high risk missed or raised, crises missed or raised, emotion confusions). Never reads the frozen part.
 * Usage (from bench/): npx tsx emotion-dev.ts [--emotion] [--grid]
 * `--grid` prints high-risk recall and precision, and crisis found / raised, for a grid of `HighRiskSettings`
 * on the out-of-fold evidence.
 */
import { AffectClassifier, bundledAffectExamples, decideHighRisk, type HighRiskEvidence } from '@zhida/nlu';
import { FOLDS, foldOf } from './emotion/affect-folds.js';

const SEED = 42;
const showEmotion = process.argv.includes('--emotion');
const grid = process.argv.includes('--grid');
const evidence: HighRiskEvidence[] = [];


const items = bundledAffectExamples();
const folds = foldOf(items);
const lines: string[] = [];
let highTp = 0;
let highFp = 0;
let highFn = 0;
for (let f = 0; f < FOLDS; f++) {
  const classifier = AffectClassifier.train(items.filter((_, i) => folds[i] !== f), { seed: SEED });
  items.forEach((it, i) => {
    if (folds[i] !== f) return;
    const r = classifier.read(it.text);
    evidence[i] = classifier.highRiskEvidence(it.text);
    const s = classifier.riskScores(it.text);
    const score = `h+c=${(s.high + s.crisis).toFixed(2)} c=${s.crisis.toFixed(2)}`;
    const high = r.risk.level === 'high';
    if (it.risk === 'high' && high) highTp++;
    if (it.risk !== 'high' && high) highFp++;
    if (it.risk === 'high' && !high) highFn++;
    if (it.risk === 'high' && !high) lines.push(`MISSED HIGH  ${score} [${r.risk.level}] ${it.text}`);
    if (it.risk !== 'high' && high) lines.push(`FALSE HIGH   ${score} (${r.risk.reasons.join(',')}) gold=${it.risk} ${it.text}`);
    if (it.crisis && !r.crisis) lines.push(`MISSED CRISIS ${score} [${r.risk.level}] ${it.text}`);
    if (!it.crisis && r.crisis) lines.push(`FALSE CRISIS ${score} gold=${it.risk} ${it.text}`);
    if (showEmotion && r.emotion.label !== it.emotion) lines.push(`EMOTION ${it.emotion} → ${r.emotion.label} ${it.text}`);
  });
}
console.log(lines.sort().join('\n'));
console.log(`high: recall ${((100 * highTp) / (highTp + highFn)).toFixed(1)} % precision ${((100 * highTp) / (highTp + highFp)).toFixed(1)} % (tp ${highTp}, fp ${highFp}, fn ${highFn})`);

if (grid) {
  const highGold = items.filter((it) => it.risk === 'high').length;
  const crisisGold = items.filter((it) => it.crisis === true).length;
  console.log('candidate unmarked crisisShare unmarkedCrisisShare | high recall % precision % fp | crisis found/gold raised');
  for (const candidate of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5])
    for (const unmarked of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
      for (const crisisShare of [0.2, 0.3, 0.4])
        for (const unmarkedCrisisShare of [0.4, 0.5, 0.6]) {
          const d = items.map((_, i) => decideHighRisk(evidence[i] as HighRiskEvidence, { candidate, unmarked, crisisShare, unmarkedCrisisShare }));
          const tp = items.filter((it, i) => it.risk === 'high' && d[i]?.high).length;
          const raised = d.filter((x) => x.high).length;
          const cFound = items.filter((it, i) => it.crisis === true && d[i]?.crisis).length;
          const cRaised = d.filter((x) => x.crisis).length;
          console.log(
            `${candidate} ${unmarked} ${crisisShare} ${unmarkedCrisisShare} | ${((100 * tp) / highGold).toFixed(1)} ${((100 * tp) / Math.max(1, raised)).toFixed(1)} ${raised - tp} | ${cFound}/${crisisGold} ${cRaised}`,
          );
        }
}
