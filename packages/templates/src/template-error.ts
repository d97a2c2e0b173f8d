/** Base class of errors raised while loading a template; `code` is stable for API mapping. */
export abstract class TemplateError extends Error {
  abstract readonly code: string;
}

/** The requested template id is not one Zhida ships. */
export class TemplateNotFoundError extends TemplateError {
  readonly code = 'template_not_found';
  constructor(readonly templateId: string) {
    super(`No industry template "${templateId}"`);
    this.name = 'TemplateNotFoundError';
  }
}

/** A template file is missing, not JSON, or fails its schema; `problems` lists each finding. */
export class TemplateInvalidError extends TemplateError {
  readonly code = 'template_invalid';
  constructor(
    readonly templateId: string,
    readonly problems: readonly string[],
  ) {
    super(`Industry template "${templateId}" is invalid: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'TemplateInvalidError';
  }
}
