import type { ApiClient } from '../api/api-client.js';

export interface FollowUp {
  id: string;
  ratingId: string;
  ticketId: string | null;
  ticketNumber: string | null;
  status: 'open' | 'done';
  outcome: 'resolved' | 'not_resolved' | 'unreachable' | null;
  outcomeNote: string;
  outcomeAt: string | null;
  dueAt: string | null;
  customerStars: number | null;
  createdAt: string;
}

export interface StaffRating {
  id: string;
  conversationId: string;
  stars: number;
  tags: string[];
  comment: string;
  createdAt: string;
  visitorName: string | null;
  agentName: string | null;
  groupName: string | null;
  followUp: FollowUp | null;
}

export interface FeedbackSummary {
  surveysShown: number;
  ratings: number;
  responseRate: number | null;
  csat: number | null;
  averageStars: number | null;
  followUps: { created: number; done: number; rated: number; satisfied: number; satisfactionRate: number | null };
}

export interface MonthlyReport {
  id: string;
  month: string;
  hasPdf: boolean;
  pdfError: string | null;
  emailedTo: string[];
  emailedAt: string | null;
  emailError: string | null;
  createdAt: string;
}

/**
 * The feedback and monthly-report routes (reads `conversations.read`; the 回访 outcome `tickets.write`; generating a report `settings.manage`).
 * @example const ratings = await new FeedbackApi(api).ratings({ maxStars: 3 });
 */
export class FeedbackApi {
  constructor(private readonly api: ApiClient) {}

  summary(): Promise<FeedbackSummary> {
    return this.api.send('GET', '/feedback/summary');
  }

  ratings(filter: { maxStars?: number } = {}): Promise<{ items: StaffRating[] }> {
    return this.api.send('GET', `/feedback/ratings?limit=100${filter.maxStars ? `&maxStars=${filter.maxStars}` : ''}`);
  }

  recordOutcome(id: string, outcome: NonNullable<FollowUp['outcome']>, note: string): Promise<FollowUp> {
    return this.api.send('PATCH', `/feedback/follow-ups/${encodeURIComponent(id)}`, { outcome, note });
  }

  reports(): Promise<{ items: MonthlyReport[] }> {
    return this.api.send('GET', '/reports/monthly');
  }

  generate(month: string): Promise<MonthlyReport> {
    return this.api.send('POST', '/reports/monthly', { month });
  }

  /** A download link (the session cookie authenticates it). */
  static reportUrl(id: string, kind: 'html' | 'pdf'): string {
    return `/api/v1/reports/monthly/${encodeURIComponent(id)}/${kind}`;
  }
}
