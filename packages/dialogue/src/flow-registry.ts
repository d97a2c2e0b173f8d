import { FlowConfigError } from './dialogue-error.js';
import { flowDefinitionSchema, type FlowDefinition, type FlowDefinitionInput, type FlowStep } from './flow-definition.js';

/** Validated flows, looked up by id and by triggering intent. */
export class FlowRegistry {
  private readonly byId = new Map<string, FlowDefinition>();
  private readonly byIntent = new Map<string, FlowDefinition>();

  /** Validates every flow and the links between them; throws `FlowConfigError` on the first problem. */
  constructor(flows: readonly FlowDefinitionInput[]) {
    for (const input of flows) {
      const parsed = flowDefinitionSchema.safeParse(input);
      if (!parsed.success) {
        const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '?';
        throw new FlowConfigError(`flow "${id}" is invalid: ${parsed.error.message}`);
      }
      const flow = parsed.data;
      if (this.byId.has(flow.id)) throw new FlowConfigError(`two flows have the id "${flow.id}"`);
      this.byId.set(flow.id, flow);
      if (flow.intent !== undefined) {
        if (this.byIntent.has(flow.intent)) throw new FlowConfigError(`two flows start on intent "${flow.intent}"`);
        this.byIntent.set(flow.intent, flow);
      }
    }
    for (const flow of this.byId.values()) {
      for (const step of flow.steps) {
        if (step.type === 'subflow' && !this.byId.has(step.flow)) {
          throw new FlowConfigError(`flow "${flow.id}" calls unknown flow "${step.flow}"`);
        }
      }
    }
  }

  /** The flow with this id; throws when a stored state names a flow that no longer exists. */
  get(id: string): FlowDefinition {
    const flow = this.byId.get(id);
    if (!flow) throw new FlowConfigError(`unknown flow "${id}"`);
    return flow;
  }

  /** Whether a stored position still exists (flows are tenant data and may have been edited since). */
  hasStep(flowId: string, stepId: string): boolean {
    return this.byId.get(flowId)?.steps.some((s) => s.id === stepId) ?? false;
  }

  /** The flow an intent starts, if any. */
  forIntent(intent: string): FlowDefinition | undefined {
    return this.byIntent.get(intent);
  }

  /** Intents that start a flow, in declaration order. */
  intents(): string[] {
    return [...this.byIntent.keys()];
  }

  /** A step of a flow; throws when a stored state points to a step that was removed. */
  step(flow: FlowDefinition, stepId: string): FlowStep {
    const step = flow.steps.find((s) => s.id === stepId);
    if (!step) throw new FlowConfigError(`flow "${flow.id}" has no step "${stepId}"`);
    return step;
  }

  /** Where a step goes by default: its `next`, else the following step, else null (the flow is done). */
  following(flow: FlowDefinition, step: FlowStep): string | null {
    if ('next' in step && step.next !== undefined) return step.next;
    const index = flow.steps.findIndex((s) => s.id === step.id);
    return flow.steps[index + 1]?.id ?? null;
  }
}
