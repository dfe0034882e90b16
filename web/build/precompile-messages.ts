import { parse } from '@formatjs/icu-messageformat-parser';
import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Compiles every ICU message of the `*.messages.ts` catalogs to its AST at build time, so the
 * browser never needs the message parser (the build aliases it to its `no-parser` entry).
 * A message that does not parse fails the build. The unit tests read the source strings.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'hourglass:precompile-messages',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.messages\.ts$/.test(id.split('?')[0]!)) return null;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: ts.Node) => {
        if (
          ts.isPropertyAssignment(node) &&
          (ts.isStringLiteral(node.initializer) ||
            ts.isNoSubstitutionTemplateLiteral(node.initializer))
        ) {
          const message = node.initializer.text;
          let ast;
          try {
            ast = parse(message, { shouldParseSkeletons: true });
          } catch (err) {
            throw new Error(`${id}: message ${node.name.getText(file)} does not parse`, {
              cause: err,
            });
          }
          edits.push({
            start: node.initializer.getStart(file),
            end: node.initializer.getEnd(),
            text: `${JSON.stringify(ast)} as unknown as string`,
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let out = code;
      for (const e of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, e.start) + e.text + out.slice(e.end);
      }
      return { code: out, map: null };
    },
  };
}
