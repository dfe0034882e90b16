// Portal: patients and visitors.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { bookSearch } from '../portal/book/book-state.ts';
import { joinSearch, mineSearch } from '../portal/waitlist/waitlist.search.ts';
import { requireAccount } from './guards.ts';
import { page, rootRoute } from './routes.root.ts';

const home = page(
  '/',
  lazyRouteComponent(() => import('../portal/home/home.page.tsx'), 'HomePage'),
);
const book = createRoute({
  getParentRoute: () => rootRoute,
  path: '/book',
  validateSearch: bookSearch,
  component: lazyRouteComponent(() => import('../portal/book/book.page.tsx'), 'BookPage'),
});
const visit = page(
  '/visit',
  lazyRouteComponent(() => import('../portal/visit/visit.page.tsx'), 'VisitPage'),
);
const intake = page(
  '/intake/$appointmentType',
  lazyRouteComponent(() => import('../portal/intake/intake.page.tsx'), 'IntakePage'),
);
const appointments = createRoute({
  getParentRoute: () => rootRoute,
  path: '/appointments',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/appointments/appointments.page.tsx'),
    'AppointmentsPage',
  ),
});
const messages = createRoute({
  getParentRoute: () => rootRoute,
  path: '/messages',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/messages/messages.page.tsx'),
    'MessagesPage',
  ),
});
// A message's action link (`/messages/confirm#token=…`): the message alone until sign-in.
const messageAction = page(
  '/messages/$purpose',
  lazyRouteComponent(() => import('../portal/messages/action.page.tsx'), 'ActionPage'),
);
const myWaitlist = createRoute({
  getParentRoute: () => rootRoute,
  path: '/waitlist',
  validateSearch: mineSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/waitlist/my-waitlist.page.tsx'),
    'MyWaitlistPage',
  ),
});
const joinWaitlistRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/waitlist/join',
  validateSearch: joinSearch,
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(
    () => import('../portal/waitlist/join.page.tsx'),
    'JoinWaitlistPage',
  ),
});
// A waitlist message's link (`/waitlist/offer#token=…`): the offer once the patient signs in.
const waitlistOffer = page(
  '/waitlist/offer',
  lazyRouteComponent(() => import('../portal/waitlist/offer.page.tsx'), 'OfferPage'),
);
const patientAccount = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  beforeLoad: (ctx) => requireAccount('patient', ctx),
  component: lazyRouteComponent(() => import('../portal/account/account.page.tsx'), 'AccountPage'),
});

const caregiver = page(
  '/caregiver',
  lazyRouteComponent(() => import('../portal/caregiver/caregiver.page.tsx'), 'CaregiverPage'),
);

export const portalRoutes = [
  home,
  book,
  visit,
  intake,
  appointments,
  messages,
  messageAction,
  myWaitlist,
  joinWaitlistRoute,
  waitlistOffer,
  patientAccount,
  caregiver,
];
