import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionCatalogue, type CatalogueDeps } from './action-catalogue.js';

const industries = ['ecommerce', 'finance', 'government', 'telecom'] as const;
// Handlers are only built here, never run, so their dependencies can be empty.
const catalogue = actionCatalogue({ connectors: {}, otp: {}, verifications: {}, policies: {} } as unknown as CatalogueDeps);

interface ActionStep {
  type: 'action';
  action: string;
  args?: Record<string, unknown>;
}

async function actionSteps(industry: string): Promise<{ flow: string; step: ActionStep }[]> {
  const file = fileURLToPath(new URL(`../../../templates/${industry}/flows.json`, import.meta.url));
  const { flows } = JSON.parse(await readFile(file, 'utf8')) as { flows: { id: string; steps: { type: string }[] }[] };
  return flows.flatMap((flow) => flow.steps.filter((s): s is ActionStep => s.type === 'action').map((step) => ({ flow: flow.id, step })));
}

describe('the action catalogue and the industry flows', () => {
  it.each(industries)('knows every action the %s flows call, with the args they pass', async (industry) => {
    for (const { flow, step } of await actionSteps(industry)) {
      const handler = catalogue[step.action];
      expect(handler, `${flow} calls ${step.action}`).toBeDefined();
      const shape = (handler!.args as z.ZodObject).shape;
      const passed = Object.keys(step.args ?? {});
      expect(passed.filter((k) => !(k in shape)), `${flow} → ${step.action} passes unknown args`).toEqual([]);
      const required = Object.entries(shape).filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success).map(([k]) => k);
      expect(required.filter((k) => !passed.includes(k)), `${flow} → ${step.action} misses args`).toEqual([]);
    }
  });
});
