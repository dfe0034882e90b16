import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class MalformedJson extends DomainError {
  constructor(detail: string) {
    super(400, 'malformed-json', 'Malformed JSON', detail);
  }
}

/**
 * The only body format the API takes. Bytes that are not UTF-8 and prototype-poisoning keys are
 * refused; parse errors never echo the body (Node's own message quotes it, and it may be PHI).
 */
export function acceptJsonOnly(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/(?:[a-z.+-]+\+)?json$/,
    { parseAs: 'buffer' },
    (_req, body: Buffer, done) => {
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new MalformedJson('The request body is not valid UTF-8.'), undefined);
        return;
      }
      if (text.trim() === '') {
        done(
          new MalformedJson('The request says it carries JSON but the body is empty.'),
          undefined,
        );
        return;
      }
      try {
        done(
          null,
          secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }),
        );
      } catch {
        done(new MalformedJson('The request body is not valid JSON.'), undefined);
      }
    },
  );
}
