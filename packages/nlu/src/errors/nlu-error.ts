/** Base class of every error the NLU package throws; `code` is stable and safe to match on. */
export abstract class NluError extends Error {
  abstract readonly code: string;
}

/** The input was not text (or not text we can work with). */
export class InvalidInputError extends NluError {
  readonly code = 'nlu_invalid_input';
}

/** Training data was empty or malformed (e.g. an intent without utterances). */
export class InvalidTrainingDataError extends NluError {
  readonly code = 'nlu_invalid_training_data';
}

/** A serialised model is not a `zhida-nlu` model, or has a version this build cannot read. */
export class UnsupportedModelFormatError extends NluError {
  readonly code = 'nlu_unsupported_model_format';
}
