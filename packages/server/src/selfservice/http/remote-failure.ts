import { SelfServiceFailure } from '../selfservice-failure.js';
import { EnterpriseRequestError } from './enterprise-request-error.js';

/**
 * Runs a call to the enterprise backend and turns its business refusals
 * (`{ error: { code, message } }` with a 4xx) into SelfServiceFailure, so the
 * flow sees the backend's own code. Outages stay errors: the executor answers
 * `unavailable` and does not remember them, so a retry runs again.
 */
export async function remoteCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EnterpriseRequestError && error.kind === 'rejected') throw new SelfServiceFailure(error.remoteCode ?? 'rejected', error.message);
    throw error;
  }
}
