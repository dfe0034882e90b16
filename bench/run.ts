// The benchmark runner: runs every bench/*.bench.ts (or those named on the command line), prints
// each one's Markdown section and appends them to BENCHMARKS.md. Each benchmark chooses and names its database.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Bench {
  title: string;
  /** Returns a Markdown section (without its heading). */
  run(): Promise<string>;
}

const here = import.meta.dirname;
const only = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const sections: string[] = [];
for (const file of files) {
  const bench = ((await import(path.join(here, file))) as { default: Bench }).default;
  process.stdout.write(`running ${file} ...\n`);
  const body = await bench.run();
  const section = `## ${bench.title}\n\n${body.trim()}\n`;
  process.stdout.write(`\n${section}\n`);
  sections.push(section);
}

// bench/scheduling.ts writes BENCHMARKS.md first (npm run bench); these sections follow it.
const out = path.join(here, '..', 'BENCHMARKS.md');
const before = await readFile(out, 'utf8').catch(() => '# Benchmarks\n');
await writeFile(
  out,
  `${before.trimEnd()}\n\n<!-- bench/run.ts: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}; each section names its database -->\n\n${sections.join('\n')}`,
);
