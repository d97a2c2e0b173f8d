import type { TurnPolicy } from './turn-policy.js';

/**
 * Outside flows, a message no FAQ clearly answers is answered from the tenant's documents when the server found a
 * confident passage (`event.document`, trimmed and cited). A confident intent with a flow still wins unless the
 * message asks how things work: "我要退货" starts the return, "退货运费谁出" is answered.
 */
export const documentAnswerPolicy: TurnPolicy = {
  name: 'document_answer',
  try(turn, { here, event, faqs, confident, generalQuestion, services }) {
    const doc = event.document;
    if (here || doc?.kind !== 'answer') return false;
    if (services.clearFaq(faqs)) return false;
    // Only an intent with a task behind it (a flow) outranks the documents; "product_inquiry" is no task.
    if (confident && !generalQuestion && services.registry.forIntent(confident.name)) return false;
    turn.passageId = doc.passageId;
    turn.say(doc.text);
    turn.mark('answered');
    return true;
  },
};
