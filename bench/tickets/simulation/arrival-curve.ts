import { beijing, dayKind } from './reference-sla.js';

const MINUTE = 60_000;

/** Relative ticket arrivals per Beijing hour: peaks at 10–11, 14–16 and 20–22, a trickle at night. */
const HOURLY = [0.3, 0.15, 0.1, 0.08, 0.08, 0.1, 0.25, 0.5, 0.9, 1.4, 1.9, 1.8, 1.1, 1.2, 1.7, 1.8, 1.6, 1.3, 1.0, 1.2, 1.7, 1.8, 1.3, 0.7];
/** Relative arrivals per kind of day: shoppers write less at weekends and on public holidays. */
const DAILY = { workday: 1, makeup: 0.9, weekend: 0.72, holiday: 0.6 } as const;

/** Mulberry32: a small seeded PRNG, so every run simulates the same month. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The relative arrival rate in the minute starting at `ms`. */
export function arrivalWeight(ms: number): number {
  const { day, minuteOfDay } = beijing(ms);
  return DAILY[dayKind(day)] * HOURLY[Math.floor(minuteOfDay / 60)]!;
}

/** `count` arrival instants (whole minutes) in [from, to), drawn from the daily × hourly curve, ascending. */
export function arrivalTimes(count: number, from: number, to: number, random: () => number): number[] {
  const minutes: number[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (let t = from; t < to; t += MINUTE) {
    sum += arrivalWeight(t);
    minutes.push(t);
    cumulative.push(sum);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    out.push(minutes[lo]!);
  }
  return out.sort((a, b) => a - b);
}
