import { AppError } from '../errors/app-error.js';

/** Why a handoff step was refused; each is a stable 409 code the console shows by name. */
export type HandoffRefusal = 'handoff_already_taken' | 'handoff_not_offered_to_you' | 'agent_lacks_skill' | 'agent_at_capacity' | 'agent_offline' | 'handoff_not_active';

const MESSAGES: Record<HandoffRefusal, string> = {
  handoff_already_taken: 'Someone else has already taken this chat',
  handoff_not_offered_to_you: 'This chat is not offered to you',
  agent_lacks_skill: 'The agent lacks a skill this chat needs',
  agent_at_capacity: 'The agent already holds as many chats as allowed',
  agent_offline: 'The agent is offline',
  handoff_not_active: 'The conversation is not waiting for or talking to an agent',
};

/** A 409 from the handoff queue: the request or the agent is not in a state that allows the step. */
export class HandoffRefusedError extends AppError {
  readonly statusCode = 409;
  constructor(
    readonly code: HandoffRefusal,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
  }
}
