import { describe, expect, it } from 'vitest';
import { erlangC, planStaffing, serviceLevel } from './desk-staffing.js';

describe('Erlang C', () => {
  it('gives the textbook waiting probabilities', () => {
    // (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)): A = 2, N = 3 → 4 / 9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 10);
    expect(erlangC(11, 10)).toBeCloseTo(0.682118, 5);
    expect(erlangC(12, 10)).toBeCloseTo(0.449388, 5);
    expect(erlangC(10, 10)).toBe(1);
  });

  it('gives the classic call-centre service level (10 Erlangs, 3 min calls, 20 s target, 12 agents ≈ 64 %)', () => {
    expect(serviceLevel(12, 10, 3, 1 / 3)).toBeCloseTo(0.64016, 4);
    expect(serviceLevel(10, 10, 3, 1 / 3)).toBe(0);
  });
});

describe('planStaffing', () => {
  const rules = { ahtMinutes: 9, firstReplyMinutes: 4, shiftMinutes: 450, serviceTarget: 0.95, maxOccupancy: 0.85 };

  it('sizes a team by the morning backlog when it outweighs the steady load', () => {
    // 200 tickets a day: A = 4 Erlangs; 80 overnight × 4 min within 60 min → 4 + 5.33 → 10 agents.
    const [plan] = planStaffing([{ name: 'x', ticketsPerDay: { workday: 200, offDay: 100 }, overnightShare: 0.4, firstResponseMinutes: 30, backlogMinutes: 60 }], rules);
    expect(plan).toMatchObject({ office: 10, loadWorkday: 4 });
    // Weekend duty: 2 Erlangs, at most 85 % busy and 95 % within 30 min.
    expect(plan!.duty).toBeGreaterThanOrEqual(3);
    expect(serviceLevel(plan!.duty, 2, 9, 30)).toBeGreaterThanOrEqual(0.95);
  });

  it("raises the open-ticket limit to what the longest closure parks with the duty, never below the provisioned one", () => {
    const team = { name: 'z', ticketsPerDay: { workday: 200, offDay: 100 }, overnightShare: 0.4, firstResponseMinutes: 30, backlogMinutes: 60 };
    const [plan] = planStaffing([team], { ...rules, provisionedLimit: 30, closureDays: 7, parkedShare: 0.5 });
    // 7 days × 100 tickets × 0.5 parked = 350 on the duty.
    expect(plan!.closureCarry).toBeCloseTo(350, 10);
    expect(plan!.openLimit).toBe(Math.ceil(350 / plan!.duty));
    const [short] = planStaffing([team], { ...rules, provisionedLimit: 30, closureDays: 1, parkedShare: 0.1 });
    expect(short!.openLimit).toBe(30);
  });

  it('sizes the first working day after a closure by the backlog rule with the closure\'s parked tickets added', () => {
    const team = { name: 'w', ticketsPerDay: { workday: 200, offDay: 100 }, overnightShare: 0.4, firstResponseMinutes: 30, backlogMinutes: 60, resolutionMinutes: 240 };
    const [plan] = planStaffing([team], { ...rules, provisionedLimit: 30, closureDays: 7, parkedShare: 0.5, closures: [2, 7] });
    // Working day: 4 + 80 × 4 ÷ 60 → 10. After 7 closed days: + 350 parked × (9 − 4) ÷ 240 = 7.29 → ⌈16.63⌉ = 17.
    expect(plan!.office).toBe(10);
    const week = plan!.afterClosure.find((c) => c.closureDays === 7)!;
    expect(week.carry).toBeCloseTo(350, 10);
    expect(week).toMatchObject({ agents: 17, extra: 7 });
    // After a weekend: + 100 × 5 ÷ 240 = 2.08 → ⌈11.42⌉ = 12.
    expect(plan!.afterClosure.find((c) => c.closureDays === 2)).toMatchObject({ agents: 12, extra: 2 });
    // No closure, or no resolution budget known: no extra hands.
    expect(planStaffing([team], rules)[0]!.afterClosure).toEqual([]);
    expect(planStaffing([{ ...team, resolutionMinutes: undefined }], { ...rules, parkedShare: 0.5, closures: [7] })[0]!.afterClosure[0]!.extra).toBe(0);
  });

  it('never plans above the occupancy cap', () => {
    const [plan] = planStaffing([{ name: 'y', ticketsPerDay: { workday: 1000, offDay: 0 }, overnightShare: 0, firstResponseMinutes: 240, backlogMinutes: 240 }], rules);
    expect(plan!.loadWorkday / plan!.office).toBeLessThanOrEqual(0.85);
    expect(plan!.duty).toBe(1);
  });
});
