import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { testConfig } from '../../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { createMailer, readOutbox } from './mail.ts';

const log = pino({ level: 'silent' });
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

describe('the mailer', () => {
  it('sends over SMTP with STARTTLS', async () => {
    const mailer = createMailer(testConfig(smtp.env), log);
    await mailer.send({ to: 'someone@example.test', subject: 'Hello', text: 'A link: x' });
    const [mail] = smtp.to('someone@example.test');
    expect(mail).toMatchObject({ subject: 'Hello', secure: true });
    expect(mail!.text).toContain('A link: x');
  });

  it('with HOURGLASS_SMTP_POOL, reuses at most that many connections for a burst', async () => {
    let connections = 0;
    const counting = new SMTPServer({
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      onConnect(_session, done) {
        connections++;
        done();
      },
      onData(stream, _session, done) {
        stream.resume();
        stream.on('end', () => done());
      },
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const port = (counting.server.address() as { port: number }).port;
    const mailer = createMailer(
      testConfig({
        HOURGLASS_SMTP_URL: `smtp://127.0.0.1:${port}`,
        HOURGLASS_SMTP_ALLOW_SELF_SIGNED: 'true',
        HOURGLASS_SMTP_POOL: '2',
      }),
      log,
    );
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          mailer.send({ to: `p${i}@example.test`, subject: 'Reminder', text: 'x' }),
        ),
      );
      expect(connections).toBeGreaterThan(0);
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      mailer.close?.();
      await new Promise<void>((resolve) => counting.close(() => resolve()));
    }
  });

  it('refuses to send in the clear outside development', async () => {
    const plain = new SMTPServer({ hideSTARTTLS: true, authOptional: true, logger: false });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.server.address() as { port: number }).port;
    try {
      const mailer = createMailer(
        testConfig({ HOURGLASS_SMTP_URL: `smtp://127.0.0.1:${port}` }),
        log,
      );
      await expect(
        mailer.send({ to: 'someone@example.test', subject: 'Hi', text: 'x' }),
      ).rejects.toMatchObject({ status: 503 });
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });

  it('refuses a self-signed SMTP certificate unless told to accept it', async () => {
    const mailer = createMailer(testConfig({ HOURGLASS_SMTP_URL: smtp.url }), log);
    await expect(
      mailer.send({ to: 'someone@example.test', subject: 'Hi', text: 'x' }),
    ).rejects.toMatchObject({ status: 503 });
  });

  it('in development, also keeps each message in the outbox under the data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hourglass-outbox-'));
    try {
      const mailer = createMailer(
        testConfig({ HOURGLASS_PROFILE: 'development', HOURGLASS_DATA_DIR: dir }),
        log,
      );
      await mailer.send({ to: 'demo@example.test', subject: 'Confirm', text: 'Link: y' });
      const [entry] = await readOutbox(dir);
      expect(entry).toMatchObject({ to: 'demo@example.test', subject: 'Confirm', text: 'Link: y' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets the outbox be read while messages are being written, each whole or not yet there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hourglass-outbox-'));
    try {
      const mailer = createMailer(
        testConfig({ HOURGLASS_PROFILE: 'development', HOURGLASS_DATA_DIR: dir }),
        log,
      );
      const sending = Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          mailer.send({ to: `p${i}@example.test`, subject: 'Code', text: 'x'.repeat(1 << 20) }),
        ),
      );
      let done = false;
      void sending.finally(() => (done = true));
      while (!done) {
        for (const entry of await readOutbox(dir)) expect(entry.text).toHaveLength(1 << 20);
      }
      await sending;
      expect(await readOutbox(dir)).toHaveLength(50);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without SMTP outside development, says mail cannot be sent', async () => {
    const mailer = createMailer(testConfig(), log);
    await expect(
      mailer.send({ to: 'x@example.test', subject: 'S', text: 'T' }),
    ).rejects.toMatchObject({ status: 503 });
  });
});
