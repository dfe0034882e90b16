import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';

/**
 * The request an audit event belongs to, for events written deep in a service (inside the
 * transaction of the change): its id, source address and user agent, and how many events the
 * request's services have written, so the route layer does not write a second one for the
 * same success or the same committed refusal.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent: string | null;
  eventsRecorded: number;
  /** `eventsRecorded` when the route's handler began: what the handler's services wrote is the rest. */
  eventsBeforeHandler: number;
  /**
   * Refusals (denied or failed) a service wrote outside any transaction, so already committed
   * whatever the request's end: one of them stands for the route's own refusal event.
   */
  refusalsCommitted: number;
  /** `refusalsCommitted` when the route's handler began. */
  refusalsBeforeHandler: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (jobs and the CLI have none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs the rest of a request's lifecycle (`done`) inside its context. */
export function enterRequest(req: FastifyRequest, done: () => void): void {
  storage.run(
    {
      requestId: req.id,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      eventsRecorded: 0,
      eventsBeforeHandler: 0,
      refusalsCommitted: 0,
      refusalsBeforeHandler: 0,
    },
    done,
  );
}
