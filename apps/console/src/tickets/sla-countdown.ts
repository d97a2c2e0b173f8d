import type { SlaClockDto, SlaClockName, SlaPolicy, TicketPriority } from '../api/api-types.js';

/** How a countdown is coloured: red when late, orange in the last 20 % of the target. */
export type CountdownTone = 'running' | 'warning' | 'breached' | 'paused' | 'met';

export interface SlaCountdown {
  tone: CountdownTone;
  /** Business minutes left (negative when late); null when the clock has stopped. */
  minutesLeft: number | null;
}

/** The share of the target left below which a running clock turns orange (the server warns at 80 % used). */
export const WARNING_SHARE = 0.2;

/**
 * The countdown a queue row or ticket header shows for one SLA clock.
 * `targetMinutes` is the policy's target for that clock; without it a clock never turns orange.
 * @example slaCountdown({ state: 'running', businessMinutesLeft: 10, … }, 60) // { tone: 'warning', minutesLeft: 10 }
 */
export function slaCountdown(clock: SlaClockDto, targetMinutes: number | null): SlaCountdown {
  const minutesLeft = clock.businessMinutesLeft;
  if (clock.state === 'met' || clock.state === 'met_late') return { tone: 'met', minutesLeft: null };
  if (clock.state === 'breached' || (minutesLeft !== null && minutesLeft < 0)) return { tone: 'breached', minutesLeft };
  if (clock.state === 'paused') return { tone: 'paused', minutesLeft };
  if (minutesLeft !== null && targetMinutes !== null && targetMinutes > 0 && minutesLeft < targetMinutes * WARNING_SHARE) {
    return { tone: 'warning', minutesLeft };
  }
  return { tone: 'running', minutesLeft };
}

/** The target of one clock under a policy, in business minutes. */
export function clockTarget(policy: SlaPolicy, clock: SlaClockName): number | null {
  if (clock === 'first_response') return policy.firstResponseMinutes;
  if (clock === 'next_response') return policy.nextResponseMinutes;
  return policy.resolutionMinutes;
}

/**
 * The policy that applies to a ticket: the first active one by position whose every non-empty
 * condition matches — the server's rule, used where a row does not name its policy.
 * @example matchingPolicy(policies, 'P1', 'refund')?.name // 'P1 加急'
 */
export function matchingPolicy(policies: readonly SlaPolicy[], priority: TicketPriority, categoryKey: string | null): SlaPolicy | null {
  const ordered = [...policies].filter((policy) => policy.active).sort((a, b) => a.position - b.position);
  return (
    ordered.find(
      (policy) =>
        (policy.priorities.length === 0 || policy.priorities.includes(priority)) &&
        (policy.categoryKeys.length === 0 || (categoryKey !== null && policy.categoryKeys.includes(categoryKey))),
    ) ?? null
  );
}
