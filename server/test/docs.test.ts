import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocs, replaceSection, repoRoot } from '../scripts/docs.ts';
import { envDocs, envSchema } from '../src/config.env.ts';
import { problemTypes } from '../src/platform/http/problem-types.ts';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

describe('docs that cannot drift', () => {
  it('the README configuration table and docs/problems.md are what `npm run docs` writes from the code', async () => {
    for (const { file, text } of await renderDocs()) {
      // Line by line, so a failure shows the rows that differ.
      expect(read(file).split('\n'), `${file} differs from the code: run npm run docs`).toEqual(
        text.split('\n'),
      );
    }
  });

  it('a hand edit inside a generated table is caught, and `npm run docs` undoes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-docs-'));
    try {
      const current = Object.fromEntries((await renderDocs()).map((d) => [d.file, d.text]));
      const readme = current['README.md']!;
      const problems = current['docs/problems.md']!;
      const edited = {
        'README.md': readme.replace(
          /^\| `HOURGLASS_HOLD_MINUTES` \| `10` \|/m,
          '| `HOURGLASS_HOLD_MINUTES` | `15` |',
        ),
        'docs/problems.md': problems.replace(
          /^\| `slot-taken` \| 409 \|/m,
          '| `slot-taken` | 410 |',
        ),
      };
      mkdirSync(path.join(dir, 'docs'));
      for (const [file, text] of Object.entries(edited)) {
        expect(text).not.toBe(current[file]);
        writeFileSync(path.join(dir, file), text);
      }
      const rendered = Object.fromEntries((await renderDocs(dir)).map((d) => [d.file, d.text]));
      expect(rendered['README.md']).not.toBe(edited['README.md']);
      expect(rendered['README.md']).toBe(readme);
      expect(rendered['docs/problems.md']).toBe(problems);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to write when a generated section lost its markers', () => {
    expect(() => replaceSection('# README without markers\n', 'configuration', 'x')).toThrow(
      /markers of the generated configuration section are missing/,
    );
  });

  it('every variable Hourglass reads is documented in config.ts', () => {
    const undocumented = Object.entries(envSchema.shape)
      .filter(([, schema]) => !envDocs.get(schema)?.meaning)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('every problem type in the catalogue is thrown somewhere, with the status the docs give it', () => {
    const source = sourceFiles(path.join(repoRoot, 'server/src'))
      .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('problem-types.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const catalogue = problemTypes as Record<string, { status: number }>;
    const unused = Object.keys(catalogue).filter((slug) => !source.includes(`'${slug}'`));
    expect(unused).toEqual([]);
    // `super(409, 'slot-taken', …)`, `new DomainError(404, 'not-found', …)`, framework errors.
    const wrong: string[] = [];
    for (const m of source.matchAll(/\b([45]\d\d),\s*'([a-z]+(?:-[a-z]+)*)'/g)) {
      const [, status, slug] = m as unknown as [string, string, string];
      if (catalogue[slug] && catalogue[slug].status !== Number(status)) {
        wrong.push(`${slug}: thrown with ${status}, documented as ${catalogue[slug].status}`);
      }
    }
    // Conflict is always a 409.
    for (const m of source.matchAll(/(?:new Conflict|super)\(\s*'([a-z]+(?:-[a-z]+)*)'/g)) {
      const slug = m[1]!;
      if (catalogue[slug] && catalogue[slug].status !== 409) {
        wrong.push(`${slug}: thrown as a 409 Conflict, documented as ${catalogue[slug].status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('links in README.md and docs/', () => {
  const files = [
    'README.md',
    ...sourceFiles(path.join(repoRoot, 'docs'), '.md').map((f) => path.relative(repoRoot, f)),
  ];

  it('point at files that exist and at headings those files have', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const target of links(read(file))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: — not fetched
        const [pathPart, anchor] = target.split('#') as [string, string | undefined];
        const resolved = pathPart
          ? path.join(path.dirname(path.join(repoRoot, file)), decodeURIComponent(pathPart))
          : path.join(repoRoot, file);
        // A link to a folder (docs/screenshots/) is fine when the folder exists.
        if (!anchor && pathPart.endsWith('/') && existsSync(resolved)) continue;
        let text: string;
        try {
          text = readFileSync(resolved, 'utf8');
        } catch {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchors(text).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('are found the way a reader follows them (a broken one is reported)', () => {
    const sample = [
      '# Title',
      '## Running on `PostgreSQL`',
      'See [the section](#running-on-postgresql), [code](`not-a-link`) and [x](other.md#y).',
      '```',
      '[inside a code block](ignored.md)',
      '```',
    ].join('\n');
    expect(links(sample)).toEqual(['#running-on-postgresql', 'other.md#y']);
    expect(anchors(sample)).toEqual(new Set(['title', 'running-on-postgresql']));
  });
});

function sourceFiles(dir: string, ext = '.ts'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full, ext) : e.name.endsWith(ext) ? [full] : [];
  });
}

/** The targets of inline links and link definitions, outside code blocks and code spans. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1]!,
  );
  const defined = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

/** The anchors GitHub gives a file's headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const m of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}
