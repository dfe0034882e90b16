import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { envDocs, envSchema } from '../src/config.env.ts';
import { problemTypes } from '../src/platform/http/problem-types.ts';

/**
 * The parts of the docs written from the code, between `<!-- generated: NAME … -->` and
 * `<!-- end generated: NAME -->`: the README's configuration table (from the variables in
 * config.env.ts) and docs/problems.md's table (from problem-types.ts). `npm run docs` rewrites them;
 * server/test/docs.test.ts fails while a committed file differs from what this writes. After a
 * merge that touched either source, run `npm run docs` and commit the result.
 */

export const repoRoot = path.resolve(import.meta.dirname, '../..');

interface Generated {
  file: string;
  section: string;
  body: () => string;
}

const generated: Generated[] = [
  { file: 'README.md', section: 'configuration', body: configurationTable },
  { file: 'docs/problems.md', section: 'problem types', body: problemTable },
];

/** Every file with generated parts, as `npm run docs` would write it. */
export async function renderDocs(root = repoRoot): Promise<{ file: string; text: string }[]> {
  const files = [...new Set(generated.map((g) => g.file))];
  return Promise.all(
    files.map(async (file) => {
      let text = await readFile(path.join(root, file), 'utf8');
      for (const g of generated.filter((x) => x.file === file)) {
        text = replaceSection(text, g.section, g.body(), file);
      }
      return { file, text };
    }),
  );
}

/** Puts `body` between the section's markers, leaving the markers and everything else as is. */
export function replaceSection(text: string, section: string, body: string, file = ''): string {
  const start = new RegExp(`^<!-- generated: ${section}\\b.*-->\\n`, 'm').exec(text);
  const endMarker = `<!-- end generated: ${section} -->`;
  const end = text.indexOf(endMarker, start ? start.index : 0);
  if (!start || end === -1) {
    throw new Error(`${file}: the markers of the generated ${section} section are missing.`);
  }
  const from = start.index + start[0].length;
  return `${text.slice(0, from)}${body}${text.slice(end)}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function configurationTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
    const doc = envDocs.get(schema);
    if (!doc) {
      throw new Error(
        `${name} has no documentation: add .register(envDocs, { meaning: '…' }) after its schema in server/src/config.env.ts.`,
      );
    }
    const fallback = defaultOf(schema);
    const shown = doc.default ?? (fallback === undefined ? 'unset' : `\`${String(fallback)}\``);
    return `| \`${name}\` | ${cell(shown)} | ${cell(doc.meaning)} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/** The value a schema gives when the variable is unset, looking through transforms. */
function defaultOf(schema: z.ZodType): unknown {
  const def = schema.def as { type: string; defaultValue?: unknown; in?: z.ZodType };
  if (def.type === 'default') return def.defaultValue;
  if (def.type === 'pipe' && def.in) return defaultOf(def.in);
  return undefined;
}

function problemTable(): string {
  const rows = Object.entries(problemTypes).map(
    ([slug, p]) => `| \`${slug}\` | ${p.status} | ${cell(p.meaning)} |`,
  );
  return [
    '| type (after `urn:hourglass:problem:`) | status | meaning and what to do |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

// `npm run docs` writes the files; `npm run docs -- --check` only says which differ.
if (import.meta.main) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { file, text } of await renderDocs()) {
    const full = path.join(repoRoot, file);
    if ((await readFile(full, 'utf8')) === text) continue;
    stale.push(file);
    if (!check) await writeFile(full, text);
  }
  if (check && stale.length > 0) {
    console.error(`Generated docs differ from the code: ${stale.join(', ')}. Run npm run docs.`);
    process.exit(1);
  }
  console.log(stale.length ? `Wrote ${stale.join(', ')}.` : 'The generated docs are up to date.');
}
