/** Base of the dialogue package's errors; `code` is stable, messages are for logs. */
export abstract class DialogueError extends Error {
  abstract readonly code: string;
}

/** Flows reference each other inconsistently (unknown sub-flow, two flows for one intent). */
export class FlowConfigError extends DialogueError {
  readonly code = 'flow_config_invalid';
}

/** An `action_result` arrived for an action the state is not waiting for (stale or duplicated). */
export class UnexpectedActionResultError extends DialogueError {
  readonly code = 'unexpected_action_result';
}

/** A flow ran too many steps in one turn without waiting for the customer: a loop in its branches. */
export class FlowLoopError extends DialogueError {
  readonly code = 'flow_loop';
}

/** The event does not match `dialogueEventSchema` (a caller bug, not a customer problem). */
export class InvalidDialogueEventError extends DialogueError {
  readonly code = 'invalid_dialogue_event';
}
