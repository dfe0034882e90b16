import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { NotFound, Unavailable } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';

const apiPrefixes = ['/api/', '/health/', '/fhir/'];

/**
 * The built web app: hashed assets cached for a year, any other page answered with index.html so
 * the app's router takes over. API paths never fall through to the page.
 *
 * `devMailbox` (the development profile): the page carries
 * `<meta name="hourglass-dev-mailbox">`, so the app links its demo mailbox (the outbox, where
 * development keeps the mail it would send) without asking a server that has none.
 */
export async function webRoutes(app: App, webDir: string, opts: { devMailbox: boolean }) {
  // Built by `npm start` before the server starts; tests of the API run without it.
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built)
    await app.register(fastifyStatic, {
      root: webDir,
      serve: false,
      index: false,
      // The build writes .br and .gz beside each text file (web/build/precompress.ts).
      preCompressed: true,
    });

  route(app, {
    method: 'GET',
    url: '/assets/*',
    access: publicAccess,
    audit: 'none',
    schema: { hide: true, params: z.strictObject({ '*': z.string() }) } as never,
    handler: async (req, reply) => {
      const file = (req.params as { '*': string })['*'];
      if (!built || !isPlainFile(path.join(webDir, 'assets'), file)) throw new NotFound();
      return reply.sendFile(path.join('assets', file), webDir, {
        maxAge: '365d',
        immutable: true,
      });
    },
  });

  route(app, {
    method: 'GET',
    url: '/*',
    access: publicAccess,
    audit: 'none',
    schema: { hide: true, params: z.strictObject({ '*': z.string() }) } as never,
    handler: async (req, reply) => {
      const wanted = (req.params as { '*': string })['*'];
      if (apiPrefixes.some((p) => `/${wanted}`.startsWith(p)))
        throw new NotFound('No such resource.');
      if (!built) {
        throw new Unavailable('The web app is not built yet: run npm start, or npm run build.');
      }
      if (wanted && isPlainFile(webDir, wanted)) {
        return reply.sendFile(wanted, webDir, { maxAge: '1h' });
      }
      // The page names the current hashed assets, so it is revalidated on every visit.
      reply.header('cache-control', 'no-cache');
      // Every page's shell shows the clinic: its first request starts with the page, not after
      // the scripts have run (the app's fetch takes the preloaded answer).
      reply.header('link', '</api/organizations>; rel=preload; as=fetch; crossorigin');
      if (!opts.devMailbox) return reply.sendFile('index.html', webDir, { cacheControl: false });
      const page = readFileSync(path.join(webDir, 'index.html'), 'utf8');
      return reply.type('text/html; charset=utf-8').send(page.replace('</head>', devMailboxMeta));
    },
  });
}

const devMailboxMeta = '<meta name="hourglass-dev-mailbox" content="/dev/mail"></head>';

/** A regular file strictly inside root; anything reaching outside it is treated as missing. */
function isPlainFile(root: string, relative: string): boolean {
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}
