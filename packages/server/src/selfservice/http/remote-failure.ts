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

/** A lookup: the backend's 404 means "no such thing" (null); its other refusals and outages as in remoteCall. */
export async function remoteLookup<T>(call: () => Promise<T>): Promise<T | null> {
  return remoteCall(async () => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof EnterpriseRequestError && error.kind === 'rejected' && error.status === 404) return null;
      throw error;
    }
  });
}
