import { DomainError } from '../../platform/http/errors.ts';

/** One answer for every sign-in failure, whether or not the account exists. */
export class SignInFailed extends DomainError {
  constructor() {
    super(
      401,
      'sign-in-failed',
      'Sign-in failed',
      'The email or password is not right, or this account cannot sign in. Check them and try again.',
    );
  }
}

export class CodeRejected extends DomainError {
  constructor(
    detail = 'That code is not right or was already used. Enter the current code from your authenticator app.',
  ) {
    super(401, 'code-rejected', 'Code not accepted', detail);
  }
}

/** The detail of a refused emailed code. */
export const emailCodeRejected =
  'That code is not right, has expired or was already used. Ask for a new code if you need one.';

export class LinkExpired extends DomainError {
  constructor() {
    super(
      400,
      'link-expired',
      'This link no longer works',
      'The link has expired or was already used. Ask for a new one.',
    );
  }
}

/** The session owes its current second factor before it may change it. */
export class MfaRequired extends DomainError {
  constructor() {
    super(
      403,
      'mfa-required',
      'Finish signing in first',
      'Enter the code from your current authenticator before setting up another.',
    );
  }
}
