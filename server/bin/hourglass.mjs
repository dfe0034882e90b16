#!/usr/bin/env node
// Hourglass runs its TypeScript directly on Node 24 (type stripping), so no build step is needed.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `hourglass: Node ${process.versions.node} is too old. Run it through npm (npm start, npx hourglass), ` +
      'which uses the Node 24 pinned in package.json, or install Node 24 LTS.',
  );
  process.exit(1);
}
const { runCommand } = await import('../src/main.ts');
void runCommand(process.argv.slice(2)).then((code) => process.exit(code));
