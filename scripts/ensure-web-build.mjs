// Builds the web app when web/dist is missing or older than its sources, so `npm start` always
// serves the current page without rebuilding on every start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../web');
const built = path.join(web, 'dist/index.html');

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((f) =>
  newest(path.join(web, f)),
);
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
  console.log('Building the web app...');
  execFileSync('npm', ['run', 'build', '--workspace', 'web', '--silent'], {
    stdio: 'inherit',
    cwd: path.resolve(web, '..'),
  });
}
