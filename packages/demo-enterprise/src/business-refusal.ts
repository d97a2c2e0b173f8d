/**
 * A "no" from the enterprise's business rules (order not found, return window passed…).
 * Answered as `{ error: { code, message } }` with a 4xx, which Zhida shows the customer as it is.
 */
export class BusinessRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 404 | 409 | 422 = 422,
  ) {
    super(message);
    this.name = 'BusinessRefusal';
  }
}
