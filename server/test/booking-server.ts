import { buildApp } from '../src/app.ts';
import { testBookingRoutes } from './booking-test-routes.ts';
import { testConfig } from './harness.ts';

// One server process for the two-process concurrency test: DATABASE_URL from the environment,
// booking routes mounted for a test actor. Prints its port on the first line of stdout.
const config = testConfig({
  DATABASE_URL: process.env.DATABASE_URL ?? '',
  HOURGLASS_PORT: '0',
  HOURGLASS_LOG_LEVEL: 'silent',
});
const hourglass = await buildApp({ config, extraRoutes: testBookingRoutes });
await hourglass.app.listen({ host: '127.0.0.1', port: 0 });
const address = hourglass.app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void hourglass.close().then(() => process.exit(0));
});
