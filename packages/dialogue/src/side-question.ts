import { clearFaq } from './clear-faq.js';
import type { UserEvent } from './dialogue-event.js';
import type { DialogueThresholds } from './dialogue-thresholds.js';
import { collectFaqCandidates, type FaqCandidate, type FaqLookup } from './faq-candidates.js';
import { asksGeneralQuestion } from './general-question.js';
import { halfWidth } from './half-width.js';
import type { NluParse } from './nlu-parse.js';
import { toPlainText } from './plain-text.js';
import { readUtteranceCues, type UtteranceCues } from './utterance-cues.js';

// Words that make a question a how-to ("怎么退货？", "如何申请开发票") rather than a question of its own ("运费谁承担？").
const HOW_TO_ZH = /怎么办理|怎么办|怎么弄|怎么操作|怎么处理|怎么|如何|怎样|流程|步骤|操作|处理|申请|办理|是什么|在哪里|在哪|去哪里|去哪|哪里|可以|能|需要|要|想|我|的|了|吗|呢|啊|吧|一下|请问/g;
// Without a clause boundary only a question about money is told apart from the task itself: "我想退货运费谁出",
// "挂失之后补卡要多少钱" — while "订单…到哪了？" or "我的退款多久到账" asks for the task's own result.
const MONEY_ASPECT = /多少钱|谁出|谁承担|谁付|收费|费用|要钱|免费|运费|邮费|手续费|年费|how much|who pays|\bfees?\b|\bcost/i;
const HOW_TO_EN = new Set(['how', 'do', 'does', 'i', 'to', 'can', 'what', 'is', 'the', 'a', 'an', 'my', 'of', 'for', 'it', 'get', 'where', 'make', 'should', 'want', 'please']);

/** Chinese characters one by one, other words whole: the units two short texts are compared in. */
function units(text: string): string[] {
  const lower = halfWidth(text).toLowerCase();
  const words = lower.match(/[a-z0-9]+/g) ?? [];
  const chars = lower.replace(/[a-z0-9]+/g, ' ').replace(HOW_TO_ZH, ' ').match(/\p{Script=Han}/gu) ?? [];
  return [...chars, ...words.filter((w) => !HOW_TO_EN.has(w))];
}

/**
 * The FAQ's question says nothing beyond the task's own name once its how-to words are gone: "怎么退货？" restates
 * a return, "退货运费谁承担？" asks something else. Answering a restatement would only repeat the flow's first prompt.
 * @example restatesTask('怎么开发票？', ['开发票', '开具发票']) // true
 */
export function restatesTask(faqQuestion: string, taskNames: readonly string[]): boolean {
  const task = new Set(taskNames.flatMap(units));
  return units(faqQuestion).filter((u) => !task.has(u)).length <= 1;
}

/**
 * The FAQ's question names the task, in one of its names' own words and order: "宽带怎么报修？多久上门？" names
 * 宽带报修, "身份证丢了怎么补办？" names neither 证明开具 nor 办证 (its 办 and 证 are not together). A label with
 * alternatives ("挂失/补卡") names the task by either. Only names of at least two units count.
 * @example namesTask('宽带怎么报修？多久上门？', ['宽带报修']) // true
 */
export function namesTask(faqQuestion: string, taskNames: readonly string[]): boolean {
  const question = units(faqQuestion);
  const questionHan = question.filter(isHan).join('');
  return taskNames
    .flatMap((name) => name.split('/'))
    .some((name) => {
      const nameUnits = units(name);
      if (nameUnits.length < 2) return false;
      const words = nameUnits.filter((u) => !isHan(u));
      return questionHan.includes(nameUnits.filter(isHan).join('')) && words.every((w) => question.includes(w));
    });
}

/**
 * A clause that asks how things work, beside another that asks for a task: the NLU's speech act when the parse has
 * one, else question words without marks of the customer's own case; never one that points at a remembered entity.
 */
function asksAside(nlu: NluParse, cues: UtteranceCues): boolean {
  if (cues.reference !== null) return false;
  return nlu.act ? nlu.act.label === 'question' : cues.asks && !cues.ownCase;
}

function isHan(unit: string): boolean {
  return /^\p{Script=Han}$/u.test(unit);
}

/** The task the message asks for, as the manager resolved it. */
export type SideQuestionTask = { name: string; confidence: number; names: readonly string[] };

/**
 * Finds the question a customer asks alongside a task ("我想退货，运费谁出", "挂失之后补卡要多少钱"): an FAQ to
 * answer before the task's flow starts or continues. Clauses parsed on their own are the stronger evidence;
 * without them the whole message must name the task surely and hit an FAQ clearly. Never an FAQ that restates the task.
 */
export class SideQuestions {
  constructor(
    private readonly thresholds: DialogueThresholds,
    private readonly lookup: FaqLookup | undefined,
  ) {}

  find(event: UserEvent, cues: UtteranceCues, faqs: readonly FaqCandidate[], task: SideQuestionTask): FaqCandidate | undefined {
    return this.fromClauses(event, cues, faqs, task) ?? this.fromWholeMessage(event.text, event.nlu, cues, faqs, task);
  }

  /**
   * A slot answer with a question beside it ("E202611250001，运费谁出"): the question's FAQ, from a clause that does not
   * hold the value. Only separate clauses count, so an FAQ hit on the answer itself never displaces it.
   */
  besideAnswer(event: UserEvent, value: string): FaqCandidate | undefined {
    const clauses = event.clauses ?? [];
    if (clauses.length < 2) return undefined;
    const plainValue = toPlainText(value);
    for (const clause of clauses) {
      if (!asksAside(clause.nlu, readUtteranceCues(clause.text)) || toPlainText(clause.text).includes(plainValue)) continue;
      const [best, next] = collectFaqCandidates({ nlu: clause.nlu, faqAnswers: event.faqAnswers }, this.lookup);
      if (best && best.confidence >= this.thresholds.faq && best.confidence - (next?.confidence ?? 0) >= this.thresholds.faqQuestionLead) return best;
    }
    return undefined;
  }

  /** One clause asks for the task, another asks a general question with an FAQ answer of its own. */
  private fromClauses(event: UserEvent, cues: UtteranceCues, faqs: readonly FaqCandidate[], task: SideQuestionTask): FaqCandidate | undefined {
    const clauses = (event.clauses ?? []).map((c) => ({ ...c, cues: readUtteranceCues(c.text), faqs: collectFaqCandidates({ nlu: c.nlu, faqAnswers: event.faqAnswers }, this.lookup) }));
    if (clauses.length < 2) return undefined;
    // A clause is read in the light of the whole message: "带啥", "收钱吗" or "怎么回事" name no topic of their own and
    // hit whatever FAQ their few words match. When the whole message retrieves FAQs, the clause's must be among them;
    // when it retrieves none and is itself a general question, it is one question said in several clauses.
    // (Only on the NLU's speech act: the keyword cues call "退货退款，运费谁出" a general question too.)
    if (faqs.length === 0 && event.nlu.act?.label === 'question') return undefined;
    const supported = (faq: FaqCandidate): boolean => faqs.length === 0 || faqs.some((f) => f.id === faq.id && f.confidence >= this.thresholds.faqSupport);
    const isQuestion = (c: (typeof clauses)[number]): boolean => asksAside(c.nlu, c.cues);
    const taskClauses = clauses.filter((c) => !isQuestion(c) && c.nlu.intent?.name === task.name && c.nlu.intent.confidence >= this.thresholds.intent);
    if (taskClauses.length === 0) return undefined;
    // What the task's own words retrieve ("我想退货" → "怎么退货？") is the task's how-to, not another question.
    // A bare "退货" half-matches every return FAQ, so only the best hit of each task clause counts.
    const taskFaqs = new Set(taskClauses.flatMap((c) => c.faqs.slice(0, 1).filter((f) => f.confidence >= this.thresholds.faqQuestion).map((f) => f.id)));
    for (const clause of clauses) {
      // "怎么退？" beside "退货" asks about the task itself, whatever FAQ its few words happen to hit.
      if (!isQuestion(clause) || restatesTask(clause.text, task.names)) continue;
      const faq = clearFaq(clause.faqs, this.thresholds);
      if (faq && supported(faq) && !taskFaqs.has(faq.id) && !restatesTask(faq.question, task.names)) return faq;
    }
    return undefined;
  }

  /** "挂失之后补卡要多少钱": no clause boundary, so the task must be sure, the question about money, and the FAQ hit clear and about money too. */
  private fromWholeMessage(text: string, nlu: NluParse, cues: UtteranceCues, faqs: readonly FaqCandidate[], task: SideQuestionTask): FaqCandidate | undefined {
    // A question with no task of the customer's own ("退货运费谁出") is answered by the FAQ alone, elsewhere.
    if (!cues.asks || asksGeneralQuestion(nlu, cues) || task.confidence < this.thresholds.strongIntent || !MONEY_ASPECT.test(text)) return undefined;
    const [best, next] = faqs;
    if (!best || best.confidence < this.thresholds.faq || best.confidence - (next?.confidence ?? 0) < this.thresholds.faqQuestionLead) return undefined;
    return MONEY_ASPECT.test(best.question) && !restatesTask(best.question, task.names) ? best : undefined;
  }
}
