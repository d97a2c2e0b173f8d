/** The slice of a pino/Fastify logger this module uses, so tests can pass a recorder. */
export interface SelfServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
