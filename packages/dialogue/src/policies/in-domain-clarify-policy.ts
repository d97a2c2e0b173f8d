import type { TurnPolicy } from './turn-policy.js';

/**
 * (open) "帮我查下", "太贵了", "出国要弄的东西": the NLU calls the message out of scope, yet one of the tenant's own tasks
 * holds a fair share of its reading (`clarifyOutOfScope`). It is an underspecified request in the tenant's domain, not
 * a foreign one ("帮我订张机票" leaves every task near zero): the customer is asked which task they mean, with the
 * leading candidates as buttons, instead of "没有完全理解". Never twice in a row, never for a how-things-work question
 * (the knowledge base and the documents answer or decline those).
 */
export const inDomainClarifyPolicy: TurnPolicy = {
  name: 'in-domain-clarify',
  try(turn, { here, labelled, pending, nlu, generalQuestion, services }) {
    if (here || labelled || generalQuestion || !nlu.outOfScope) return false;
    if (pending?.kind === 'choice' && pending.purpose === 'clarify') return false;
    const ranked = [...nlu.candidates].filter((c) => turn.labels.offerable(c.name)).sort((a, b) => b.confidence - a.confidence);
    const [first] = ranked;
    if (!first || first.confidence < services.thresholds.clarifyOutOfScope) return false;
    const candidates = services.clarifier.alternativesTo(turn.labels, ranked);
    return candidates !== undefined && services.clarifier.ask(turn, candidates, nlu);
  },
};
