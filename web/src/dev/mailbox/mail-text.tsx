import { Fragment } from 'react';

const url = /\bhttps?:\/\/[^\s<>"]+/g;

/**
 * A message's plain text with its links made followable. A link to this app (the server writes
 * its public URL, which may differ from the address in the browser) opens here, keeping its
 * path and fragment — where the tokens travel.
 */
export function MailText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(url)) {
    const index = match.index;
    parts.push(text.slice(last, index));
    const target = new URL(match[0]);
    const here = `${target.pathname}${target.search}${target.hash}`;
    parts.push(
      <a key={index} className="link" href={here}>
        {here}
      </a>,
    );
    last = index + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <p className="mail-text">
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </p>
  );
}
