import { createElement } from './create-element.js';
import { FeedbackController } from './feedback-controller.js';
import type { FeedbackCatalogue } from './feedback-messages.js';
import type { Message } from './message-schema.js';

/** What the chat view asks of the feedback UI for each message it draws. */
export interface MessageDecorator {
  /** Part of the item's render key: when it changes, the item is drawn again. */
  signature(message: Message): string;
  /** Adds the survey card or the answer buttons under the message. */
  decorate(message: Message, item: HTMLLIElement): void;
}

/** The bot turns that are answers (meta.kind is the turn's outcome): the ones a visitor can judge. */
const ANSWER_KINDS = new Set(['answered', 'completed', 'action']);
const COMMENT_MAX = 1000;

export function isSurveyMessage(message: Pick<Message, 'senderType' | 'meta'>): boolean {
  return message.senderType === 'system' && message.meta?.kind === 'survey';
}

/**
 * The survey card (1–5 stars, tags, text, then thanks and — after a 回访 — its rating) and
 * 有帮助/没帮助 under bot answers, drawn from the FeedbackController's state.
 */
export function feedbackDecorator(feedback: FeedbackController, text: FeedbackCatalogue): MessageDecorator {
  // The comment being typed survives redraws of the card (stars picked, a failed submit).
  let comment = '';
  return {
    signature(message) {
      if (isSurveyMessage(message)) return `survey:${feedback.state.version}`;
      if (message.senderType === 'bot' && ANSWER_KINDS.has(String(message.meta?.kind))) return `answer:${String(feedback.verdict(message.id))}`;
      return '';
    },
    decorate(message, item) {
      if (isSurveyMessage(message)) {
        item.append(surveyCard(feedback, text, () => comment, (value) => (comment = value)));
      } else if (message.senderType === 'bot' && ANSWER_KINDS.has(String(message.meta?.kind))) {
        item.append(answerButtons(feedback, text, message.id));
      }
    },
  };
}

function answerButtons(feedback: FeedbackController, text: FeedbackCatalogue, messageId: string): HTMLElement {
  const verdict = feedback.verdict(messageId);
  const make = (helpful: boolean) => {
    const b = createElement(
      'button',
      { type: 'button', class: 'zd-verdict', 'aria-pressed': String(verdict === helpful), 'data-testid': helpful ? 'zhida-helpful' : 'zhida-not-helpful' },
      helpful ? `👍 ${text.helpful}` : `👎 ${text.notHelpful}`,
    );
    b.addEventListener('click', () => void feedback.answer(messageId, helpful));
    return b;
  };
  return createElement(
    'div',
    { class: 'zd-verdicts', role: 'group', 'aria-label': text.answerQuestion },
    make(true),
    make(false),
    verdict !== null && createElement('span', { class: 'zd-verdict-thanks', role: 'status' }, text.thanksForVerdict),
  );
}

function starRow(text: FeedbackCatalogue, picked: number | null, onPick: (stars: number) => void, testId: string, disabled: boolean): HTMLElement {
  const row = createElement('div', { class: 'zd-stars', role: 'radiogroup', 'aria-label': text.surveyTitle });
  for (let stars = 1; stars <= 5; stars++) {
    const on = picked !== null && stars <= picked;
    const b = createElement(
      'button',
      { type: 'button', class: on ? 'zd-star zd-star-on' : 'zd-star', role: 'radio', 'aria-checked': String(picked === stars), 'aria-label': `${text.starLabel(stars)} ${text.starNames[stars - 1]}`, 'data-testid': `${testId}-${stars}`, disabled },
      on ? '★' : '☆',
    );
    b.addEventListener('click', () => onPick(stars));
    row.append(b);
  }
  if (picked !== null) row.append(createElement('span', { class: 'zd-star-name' }, text.starNames[picked - 1]));
  return row;
}

function surveyCard(feedback: FeedbackController, text: FeedbackCatalogue, getComment: () => string, setComment: (value: string) => void): HTMLElement {
  const { server, draft, sending, error } = feedback.state;
  const card = createElement('div', { class: 'zd-survey', 'data-testid': 'zhida-survey' });
  if (!server) return card;
  const rating = server.rating;
  if (rating) {
    card.append(createElement('p', { class: 'zd-survey-thanks', role: 'status', 'data-testid': 'zhida-survey-thanks' }, text.thanks(rating.stars)));
    if (FeedbackController.isLow(rating.stars) && !server.followUp) card.append(createElement('p', { class: 'zd-survey-note' }, text.followUpPromised));
    const followUp = server.followUp;
    if (followUp?.outcome) {
      card.append(createElement('p', { class: 'zd-survey-note' }, text.outcome[followUp.outcome]));
      if (followUp.customerStars === null) {
        card.append(createElement('p', { class: 'zd-survey-title' }, text.followUpQuestion), starRow(text, null, (stars) => void feedback.rateFollowUp(stars), 'zhida-follow-up-star', sending));
      } else {
        card.append(createElement('p', { class: 'zd-survey-thanks', role: 'status' }, text.followUpThanks));
      }
    }
    return card;
  }
  const textarea = createElement('textarea', { class: 'zd-survey-comment', rows: '2', maxlength: String(COMMENT_MAX), placeholder: text.commentPlaceholder, 'aria-label': text.commentLabel, 'data-testid': 'zhida-survey-comment' });
  textarea.value = getComment();
  const counter = createElement('span', { class: 'zd-survey-counter' }, text.counter(textarea.value.length, COMMENT_MAX));
  textarea.addEventListener('input', () => {
    setComment(textarea.value);
    counter.textContent = text.counter(textarea.value.length, COMMENT_MAX);
  });
  const tags = createElement('div', { class: 'zd-survey-tags', role: 'group', 'aria-label': text.tagsLabel });
  for (const tag of server.tags) {
    const b = createElement('button', { type: 'button', class: 'zd-tag', 'aria-pressed': String(draft.tags.includes(tag)) }, tag);
    b.addEventListener('click', () => feedback.toggleTag(tag));
    tags.append(b);
  }
  const submit = createElement('button', { type: 'button', class: 'zd-survey-submit', 'data-testid': 'zhida-survey-submit', disabled: sending }, sending ? text.submitting : text.submit);
  submit.addEventListener('click', () => {
    void feedback.submit(textarea.value).then((ok) => {
      if (ok) setComment('');
    });
  });
  const problem = error === null ? '' : error === 'pickStars' ? text.pickStars : error === 'commentTooLong' ? text.commentTooLong : error === 'network' ? text.network : error;
  card.append(
    createElement('p', { class: 'zd-survey-title' }, text.surveyTitle),
    starRow(text, draft.stars, (stars) => feedback.pickStars(stars), 'zhida-star', sending),
    tags,
    textarea,
    createElement('div', { class: 'zd-survey-actions' }, counter, submit),
  );
  if (problem !== '') card.append(createElement('p', { class: 'zd-survey-error', role: 'alert' }, problem));
  return card;
}
