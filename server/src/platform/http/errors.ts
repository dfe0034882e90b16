import type { ProblemSlug } from './problem-types.ts';

/** A field-level complaint in a problem's `errors[]`: a JSON pointer into the request and why. */
export interface FieldError {
  pointer: string;
  detail: string;
}

/**
 * A failure a person can act on. Thrown by services; the one error handler turns it into an RFC
 * 9457 problem with a stable `type`, one of problem-types.ts. Messages never carry PHI values.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly slug: ProblemSlug;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  constructor(
    status: number,
    slug: ProblemSlug,
    title: string,
    detail: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = new.target.name;
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export class Invalid extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, 'validation', 'Your request has invalid fields', detail, {
      ...(errors ? { errors } : {}),
    });
  }
}

export class Unauthorized extends DomainError {
  constructor(detail = 'Sign in to continue.') {
    super(401, 'unauthorized', 'You need to sign in', detail);
  }
}

export class Forbidden extends DomainError {
  constructor(detail = 'Your account is not allowed to do this.') {
    super(403, 'forbidden', 'Not allowed', detail);
  }
}

/** Also the answer for "exists, but not yours": the two must look the same. */
export class NotFound extends DomainError {
  constructor(detail = 'There is nothing here, or you may not see it.') {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class Conflict extends DomainError {
  constructor(
    slug: ProblemSlug,
    title: string,
    detail: string,
    extensions?: Record<string, unknown>,
  ) {
    super(409, slug, title, detail, extensions ? { extensions } : {});
  }
}

export class Unavailable extends DomainError {
  constructor(detail: string) {
    super(503, 'unavailable', 'Temporarily unavailable', detail);
  }
}

export const problemTypeBase = 'urn:hourglass:problem:';
