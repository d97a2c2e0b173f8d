import { DialogueManager } from '../dialogue-manager.js';
import type { DialogueState } from '../dialogue-state.js';
import type { FlowDefinitionInput } from '../flow-definition.js';
import { Conversation, industryFlows } from './conversation.js';
import { ecommerceBotOptions } from './ecommerce-bot.js';

// A tenant's own return flow with only the bare labels as words, so that partial matches stay partial.
export const BARE_RETURN: FlowDefinitionInput = {
  id: 'shop.return',
  intent: 'return_request',
  title: { zh: '退货', en: 'return' },
  steps: [
    {
      id: 'reason',
      type: 'slot',
      slot: 'reason',
      label: { zh: '退货原因', en: 'reason' },
      prompt: { zh: '请问退货的原因是？', en: 'Why?' },
      options: [
        { value: 'quality', label: { zh: '商品质量问题', en: 'Quality' } },
        { value: 'not_as_described', label: { zh: '与描述不符', en: 'Not as described' } },
      ],
    },
    { id: 'note', type: 'slot', slot: 'note', label: { zh: '备注', en: 'note' }, prompt: { zh: '还有什么要补充的吗？', en: 'Anything else?' } },
    { id: 'done', type: 'end', text: { zh: '好的', en: 'OK' } },
  ],
};

/** The bare return flow asks for its reason. */
export function bareReturnAskingForReason(): DialogueState {
  const chat = new Conversation(new DialogueManager(ecommerceBotOptions({ flows: bareReturnFlows() })));
  chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
  if (!chat.state) throw new Error('no state');
  return chat.state;
}

/** The shipped ecommerce flows with the bare return in place of the shipped one. */
export function bareReturnFlows(): FlowDefinitionInput[] {
  return [BARE_RETURN, ...industryFlows('ecommerce').filter((f) => f.intent !== 'return_request')];
}
