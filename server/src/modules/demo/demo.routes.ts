import { z } from 'zod';
import type { Config } from '../../config.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { readOutbox } from '../../platform/mail/mail.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';

/**
 * The development outbox, so the demo can show the invitation, verification and reset links it
 * mailed. Development profile only (which listens on 127.0.0.1 by default); 404 in every other.
 */
export function demoRoutes(app: App, config: Config) {
  route(app, {
    method: 'GET',
    url: '/api/dev/outbox',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Development only: the latest mail Hourglass sent (links, no PHI)',
      tags: ['demo'],
      response: {
        200: z.object({
          messages: z.array(
            z.object({ at: z.string(), to: z.string(), subject: z.string(), text: z.string() }),
          ),
        }),
      },
    },
    handler: async () => {
      if (config.profile !== 'development') throw new NotFound();
      const messages = (await readOutbox(config.dataDir)).slice(0, 50);
      return { messages: messages.map(({ at, to, subject, text }) => ({ at, to, subject, text })) };
    },
  });
}
