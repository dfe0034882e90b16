// The JavaScript each page costs on a first visit: the entry chunk, every chunk it imports
// statically, and the page's own chunk with its static imports, gzipped. `npm run size`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const assets = path.join(dist, 'assets');
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
const gz = (f: string) => gzipSync(readFileSync(path.join(assets, f))).length;

/** A chunk and everything it imports statically (not `import()`). */
function closure(start: string, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  const code = readFileSync(path.join(assets, start), 'utf8');
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
  )) {
    closure(m[1]!, seen);
  }
  return seen;
}

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)![1]!;
const shell = closure(entry);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const sum = (set: Set<string>) => [...set].reduce((n, f) => n + gz(f), 0);

const pages: [string, string[]][] = [
  ['/ (home)', ['home.page']],
  ['/book', ['book.page']],
  ['/sign-in', ['sign-in.page']],
  ['/register', ['register.page']],
  ['/sign-in/enroll', ['enroll.page']],
  ['/intake/:type', ['intake.page']],
  ['/console', ['console-layout', 'home.page']],
];
console.log(`shell (every page): ${kb(sum(shell))} gzipped in ${shell.size} chunks`);
const signedIn = closure(files.find((f) => f.startsWith('account-panel'))!);
console.log(
  `+ account panel, loaded when first opened: ${kb(sum(new Set([...signedIn].filter((f) => !shell.has(f)))))}`,
);
for (const [route, prefixes] of pages) {
  const all = new Set(shell);
  for (const prefix of prefixes) {
    const matches = files.filter((f) => f.startsWith(`${prefix}-`));
    // Two pages named home.page (portal, console): the console's is the one beside its layout.
    const chunk = route.startsWith('/console') ? matches.at(-1) : matches[0];
    if (chunk) closure(chunk, all);
  }
  console.log(
    `${route.padEnd(16)} ${kb(sum(all)).padStart(9)}  (${kb(sum(all) - sum(shell))} for the page)`,
  );
}
