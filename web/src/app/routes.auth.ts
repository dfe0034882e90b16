// Sign-in and the pages the server's emails link to (tokens in the fragment).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { redirectSearch, signInSearch } from './route-search.ts';
import { requireAccount, requireStage } from './guards.ts';
import { page, rootRoute } from './routes.root.ts';

/** A signed-in patient sets up an authenticator app: the sign-in's enrollment page, reused. */
const patientAuthenticator = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account/authenticator',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(() => import('../auth/enroll/enroll.page.tsx'), 'EnrollPage'),
});

const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: signInSearch,
  component: lazyRouteComponent(() => import('../auth/sign-in/sign-in.page.tsx'), 'SignInPage'),
});
const secondFactor = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/verify',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireStage('mfa', ctx),
  component: lazyRouteComponent(
    () => import('../auth/second-factor/second-factor.page.tsx'),
    'SecondFactorPage',
  ),
});
const enroll = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/enroll',
  validateSearch: redirectSearch,
  beforeLoad: (ctx) => requireStage('enroll', ctx),
  component: lazyRouteComponent(() => import('../auth/enroll/enroll.page.tsx'), 'EnrollPage'),
});
const register = page(
  '/register',
  lazyRouteComponent(() => import('../auth/register/register.page.tsx'), 'RegisterPage'),
);
const forgotPassword = page(
  '/forgot-password',
  lazyRouteComponent(
    () => import('../auth/forgot-password/forgot-password.page.tsx'),
    'ForgotPasswordPage',
  ),
);
const resetPassword = page(
  '/reset-password',
  lazyRouteComponent(
    () => import('../auth/reset-password/reset-password.page.tsx'),
    'ResetPasswordPage',
  ),
);
const verifyEmail = page(
  '/verify-email',
  lazyRouteComponent(() => import('../auth/verify-email/verify-email.page.tsx'), 'VerifyEmailPage'),
);
const invitation = page(
  '/invitation',
  lazyRouteComponent(() => import('../auth/invitation/invitation.page.tsx'), 'InvitationPage'),
);
/** Development only: the mail the demo would have sent (linked from the footer there). */
const devMailbox = page(
  '/dev/mail',
  lazyRouteComponent(() => import('../dev/mailbox/mailbox.page.tsx'), 'MailboxPage'),
);

export const authRoutes = [
  patientAuthenticator,
  signIn,
  secondFactor,
  enroll,
  register,
  forgotPassword,
  resetPassword,
  verifyEmail,
  invitation,
  devMailbox,
];
