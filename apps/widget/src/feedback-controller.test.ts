import { describe, expect, it } from 'vitest';
import type { FeedbackApiClient, Rated, VisitorFeedback } from './feedback-api-client.js';
import { FeedbackController } from './feedback-controller.js';
import type { VisitorSession } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

const SESSION: VisitorSession = { conversationId: 'conv-1', visitorToken: 'token-1' };

/** The server's feedback side in memory: one survey, one rating at most, verdicts per message. */
class FakeFeedbackApi implements Pick<FeedbackApiClient, 'state' | 'surveyShown' | 'rate' | 'answerFeedback' | 'rateFollowUp'> {
  server: VisitorFeedback = { survey: { id: 's-1', trigger: 'closed', messageId: 'm-9', shown: false }, rating: null, answers: [], followUp: null, tags: ['等待太久', '解决了问题'] };
  readonly calls: string[] = [];
  refuseVerdicts = false;

  async state(): Promise<VisitorFeedback> {
    this.calls.push('state');
    return structuredClone(this.server);
  }

  async surveyShown(): Promise<void> {
    this.calls.push('shown');
    this.server.survey!.shown = true;
  }

  async rate(_session: VisitorSession, rating: { stars: number; tags: string[]; comment: string }): Promise<Rated> {
    this.calls.push(`rate ${rating.stars}`);
    if (this.server.rating) throw new WidgetApiError('already_rated', 409, '该会话已经评价过，不能重复评价（以第一次评价为准）');
    this.server.rating = { id: 'r-1', ...rating };
    return { id: 'r-1', ...rating, followUp: rating.stars <= 3 };
  }

  async answerFeedback(_session: VisitorSession, messageId: string, helpful: boolean): Promise<void> {
    this.calls.push(`verdict ${messageId} ${helpful}`);
    if (this.refuseVerdicts) throw new WidgetApiError('not_found', 404, 'Bot answer not found');
  }

  async rateFollowUp(_session: VisitorSession, followUpId: string, stars: number): Promise<void> {
    this.calls.push(`follow-up ${followUpId} ${stars}`);
    this.server.followUp!.customerStars = stars;
  }
}

const setup = () => {
  const api = new FakeFeedbackApi();
  const feedback = new FeedbackController({ api, session: async () => SESSION });
  return { api, feedback };
};

describe('the satisfaction survey in the widget', () => {
  it('loads the survey when its message arrives, and counts it shown once while the panel shows it', async () => {
    const { api, feedback } = setup();
    feedback.messageArrived({ senderType: 'bot', meta: { kind: 'answered' } });
    expect(api.calls).toEqual([]);
    feedback.messageArrived({ senderType: 'system', meta: { kind: 'survey', surveyId: 's-1' } });
    await feedback.load();
    expect(feedback.state.server?.survey?.id).toBe('s-1');
    await feedback.panelShowsSurvey();
    await feedback.panelShowsSurvey();
    expect(api.calls.filter((c) => c === 'shown')).toHaveLength(1);
  });

  it('asks for stars before sending, and sends stars, tags and the comment', async () => {
    const { api, feedback } = setup();
    await feedback.load();
    expect(await feedback.submit('')).toBe(false);
    expect(feedback.state.error).toBe('pickStars');
    feedback.pickStars(2);
    feedback.toggleTag('等待太久');
    feedback.toggleTag('解决了问题');
    feedback.toggleTag('解决了问题');
    expect(await feedback.submit('  等了很久  ')).toBe(true);
    expect(api.server.rating).toEqual({ id: 'r-1', stars: 2, tags: ['等待太久'], comment: '等了很久' });
    expect(feedback.state.server?.rating?.stars).toBe(2);
  });

  it('refuses a comment over 1000 characters without calling the server', async () => {
    const { api, feedback } = setup();
    await feedback.load();
    feedback.pickStars(4);
    expect(await feedback.submit('好'.repeat(1001))).toBe(false);
    expect(feedback.state.error).toBe('commentTooLong');
    expect(api.calls.some((c) => c.startsWith('rate'))).toBe(false);
  });

  it('shows the first rating when the conversation was already rated elsewhere (409)', async () => {
    const { api, feedback } = setup();
    await feedback.load();
    api.server.rating = { id: 'r-0', stars: 5, tags: [], comment: '' };
    feedback.pickStars(1);
    expect(await feedback.submit('')).toBe(false);
    expect(feedback.state.error).toContain('不能重复评价');
    expect(feedback.state.server?.rating?.stars).toBe(5);
  });

  it('lets the customer rate a 回访 once its outcome is recorded', async () => {
    const { api, feedback } = setup();
    api.server.rating = { id: 'r-1', stars: 2, tags: [], comment: '' };
    api.server.followUp = { id: 'f-1', outcome: 'resolved', customerStars: null };
    await feedback.load();
    await feedback.rateFollowUp(5);
    expect(api.calls).toContain('follow-up f-1 5');
    expect(feedback.state.server?.followUp?.customerStars).toBe(5);
  });
});

describe('有帮助 / 没帮助', () => {
  it('shows the verdict at once and keeps it when the server accepts it', async () => {
    const { api, feedback } = setup();
    const sent = feedback.answer('m-1', false);
    expect(feedback.verdict('m-1')).toBe(false);
    await sent;
    expect(feedback.verdict('m-1')).toBe(false);
    expect(api.calls).toEqual(['verdict m-1 false']);
  });

  it('takes the verdict back when the server refuses it', async () => {
    const { api, feedback } = setup();
    api.refuseVerdicts = true;
    await feedback.answer('m-2', true);
    expect(feedback.verdict('m-2')).toBeNull();
  });
});
