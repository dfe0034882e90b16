interface Mail {
  at: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * The newest message to `to` whose subject matches, read from the development server's outbox
 * (`GET /api/dev/outbox`: the e2e server runs the development profile, which keeps a copy of
 * every message). Mail leaves after the response, so this waits until it is there.
 */
export async function waitForMail(
  serverUrl: string,
  to: string,
  subject: RegExp,
  opts: { after?: string; timeout?: number } = {},
): Promise<Mail> {
  // A plain loop, not vitest's expect.poll: `npm run screenshots` signs in outside vitest too.
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    const res = await fetch(`${serverUrl}/api/dev/outbox`);
    if (!res.ok) throw new Error(`the outbox answered ${res.status}: ${await res.text()}`);
    const { messages } = (await res.json()) as { messages: Mail[] };
    const found = messages.find(
      (m) => m.to === to && subject.test(m.subject) && (!opts.after || m.at > opts.after),
    );
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${subject} within 15 s`);
}

/**
 * The app link in a message, as a path on the test server: the server writes its public URL
 * (`http://localhost:0` when started on a free port), so only the path and fragment count.
 */
export function linkIn(mail: Mail, path: string): string {
  const m = new RegExp(`https?://[^\\s/]+(${path.replace(/[/]/g, '\\/')}[^\\s]*)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in "${mail.subject}"`);
  return m[1]!;
}
