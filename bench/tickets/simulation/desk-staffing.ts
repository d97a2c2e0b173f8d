/**
 * How many agents the simulated desk needs: the staffing an operations manager would derive from the
 * arrival curve, the handling model and the SLA's first-response targets, with Erlang C for the
 * queue during a shift and a workload check for the backlog each shift opens on. Pure arithmetic.
 */

/** Probability that a ticket waits for an agent (Erlang C) with `agents` agents and `load` Erlangs offered. */
export function erlangC(agents: number, load: number): number {
  if (agents <= load) return 1;
  // Σ A^k/k! for k < N, built term by term (no factorials, no overflow for the sizes here).
  let term = 1;
  let sum = 0;
  for (let k = 0; k < agents; k++) {
    sum += term;
    term *= load / (k + 1);
  }
  const top = term * (agents / (agents - load));
  return top / (sum + top);
}

/** Share of tickets that wait at most `targetMin` for an agent: 1 − C·e^(−(N−A)·T/AHT). */
export function serviceLevel(agents: number, load: number, ahtMin: number, targetMin: number): number {
  if (agents <= load) return 0;
  return 1 - erlangC(agents, load) * Math.exp((-(agents - load) * targetMin) / ahtMin);
}

export interface TeamDemand {
  name: string;
  /** Expected tickets a day of each kind brings the team (all 24 hours of it). */
  ticketsPerDay: { workday: number; offDay: number };
  /** Of a working day's tickets, those that arrive while the desk is closed (18:00 → 09:00): the morning backlog. */
  overnightShare: number;
  /** The tightest first-response target among the team's categories, business minutes. */
  firstResponseMinutes: number;
  /** The next tightest: what most of the morning backlog must be answered within. */
  backlogMinutes: number;
  /** The resolution budget that at least half of the team's tickets have: what a closure's parked tickets must be finished within. */
  resolutionMinutes?: number;
}

export interface StaffingPlan {
  name: string;
  /** Agents on a working day (the whole team) and on duty on a weekend or holiday. */
  office: number;
  duty: number;
  /** The figures behind them, for the results file. */
  loadWorkday: number;
  loadOffDay: number;
  serviceWorkday: number;
  serviceOffDay: number;
  backlogTickets: number;
  occupancyWorkday: number;
  /** Each member's open-ticket limit (agent_group_members.max_open_tickets): the provisioned one, or what a closure parks with the duty. */
  openLimit: number;
  /** Tickets the duty is expected to hold, parked, at the end of the longest closure. */
  closureCarry: number;
  /**
   * Extra hands on the first working day after each closure (keyed by that day's length of closure in
   * days): the day's own load and overnight backlog plus the closure's parked tickets, sized by the
   * same backlog rule, minus the team's working-day size.
   */
  afterClosure: { closureDays: number; carry: number; agents: number; extra: number }[];
}

export interface StaffingRules {
  /** Mean agent minutes a ticket takes over its life (all touches), from the handling model. */
  ahtMinutes: number;
  /** Mean minutes of a first reply (the backlog is answered first). */
  firstReplyMinutes: number;
  /** Minutes a shift is open a day (09:00–12:00 + 13:30–18:00 = 450). */
  shiftMinutes: number;
  /** Share of tickets to answer within the first-response target (service level). */
  serviceTarget: number;
  /** Highest planned occupancy (agents are not planned at 100 %). */
  maxOccupancy: number;
  /** The tenant's provisioned open-ticket limit per member. */
  provisionedLimit?: number;
  /** The longest run of days the calendar is closed in the period (国庆: 7). */
  closureDays?: number;
  /**
   * Share of tickets that, once first-answered, stay open with their agent until the calendar opens
   * again: waiting on another department (whose OLA runs in business time) or on a silent customer.
   */
  parkedShare?: number;
  /** The lengths (days) of the closures in the period, each followed by a working day that carries its parked tickets. */
  closures?: readonly number[];
}

/**
 * Agents per team. A day's tickets are all worked in the day's shift (those that came overnight
 * wait for it), so the load offered in Erlangs is tickets × AHT ÷ shift minutes. The team gets the
 * smallest N with (1) the service level met by Erlang C against its tightest first-response target,
 * (2) occupancy A/N at most maxOccupancy, and (3) on working days enough hands to give the overnight
 * backlog its first replies within the backlog target while the day's load keeps arriving.
 */
export function planStaffing(teams: readonly TeamDemand[], rules: StaffingRules): StaffingPlan[] {
  return teams.map((team) => {
    const loadWorkday = (team.ticketsPerDay.workday * rules.ahtMinutes) / rules.shiftMinutes;
    const loadOffDay = (team.ticketsPerDay.offDay * rules.ahtMinutes) / rules.shiftMinutes;
    const backlogTickets = team.ticketsPerDay.workday * team.overnightShare;
    const backlogAgents = Math.ceil(loadWorkday + (backlogTickets * rules.firstReplyMinutes) / team.backlogMinutes);
    const size = (load: number, floor: number) => {
      let n = Math.max(1, floor, Math.ceil(load / rules.maxOccupancy));
      while (serviceLevel(n, load, rules.ahtMinutes, team.firstResponseMinutes) < rules.serviceTarget) n++;
      return n;
    };
    const office = size(loadWorkday, backlogAgents);
    const duty = Math.min(size(loadOffDay, 1), office);
    // During a closure the duty answers every ticket, but whatever waits on another department (or a
    // silent customer) stays open with them until the calendar opens: over the longest closure that
    // is days × tickets a day × parked share, on the duty's shoulders. With the provisioned limit
    // (30) alone the duty fills up within days and the rest of the closure's tickets wait unassigned
    // and unanswered, all falling due together the first morning after (thousands of first-response
    // breaches after 国庆). A desk raises its duty's limit for the holiday; here every member of the
    // team gets it (the rota turns daily), sized as if one day's duty held it all.
    const provisioned = rules.provisionedLimit ?? 30;
    const closureCarry = (rules.closureDays ?? 0) * team.ticketsPerDay.offDay * (rules.parkedShare ?? 0);
    const openLimit = Math.max(provisioned, Math.ceil(closureCarry / duty));
    // The first working day after a closure opens on the night's backlog as any working day does, and
    // also on the closure's parked tickets becoming workable as the other departments answer: each needs
    // the rest of its handling (AHT − the first reply it already had) within its resolution budget.
    // Rule (3) with that second backlog added: N ≥ A + backlog × first reply ÷ its target + carry × rest ÷ resolution budget.
    const restMinutes = rules.ahtMinutes - rules.firstReplyMinutes;
    const afterClosure = [...new Set(rules.closures ?? [])].map((days) => {
      const carry = days * team.ticketsPerDay.offDay * (rules.parkedShare ?? 0);
      const agents = team.resolutionMinutes
        ? Math.max(office, Math.ceil(loadWorkday + (backlogTickets * rules.firstReplyMinutes) / team.backlogMinutes + (carry * restMinutes) / team.resolutionMinutes))
        : office;
      return { closureDays: days, carry, agents, extra: agents - office };
    });
    return {
      name: team.name,
      office,
      duty,
      loadWorkday,
      loadOffDay,
      serviceWorkday: serviceLevel(office, loadWorkday, rules.ahtMinutes, team.firstResponseMinutes),
      serviceOffDay: serviceLevel(duty, loadOffDay, rules.ahtMinutes, team.firstResponseMinutes),
      backlogTickets,
      occupancyWorkday: loadWorkday / office,
      openLimit,
      closureCarry,
      afterClosure,
    };
  });
}
