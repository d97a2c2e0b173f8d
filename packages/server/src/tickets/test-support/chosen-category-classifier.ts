import type { TicketClassificationResult, TicketClassifierPort } from '../ticket-ports.js';

/**
 * No NLU: no category guess (the customer's choice stands), the least urgent priority (so the
 * category's default priority wins, as the service takes the more urgent of the two) and never
 * triage on confidence. Stands in for tickets/classify until the lead merges it.
 */
export class ChosenCategoryClassifier implements TicketClassifierPort {
  async classify(): Promise<TicketClassificationResult> {
    return { categoryKey: null, confidence: 0, priority: 'P4', needsTriage: false, emotion: 'neutral', risk: 'none' };
  }

  invalidate(): void {}
}
