import { format } from 'node:util';
import { runCommand } from '../src/main.ts';

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an `hourglass` command in this process, as bin/hourglass.mjs runs it, with exactly the
 * environment given and its output captured. A spawned command pays for a Node start, the
 * app's imports and PGlite's start-up each time; test/cli.test.ts covers the real binary.
 */
export async function runHourglass(
  args: string[],
  env: Record<string, string>,
): Promise<CommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => void stdout.push(`${format(...parts)}\n`);
  console.error = (...parts: unknown[]) => void stderr.push(`${format(...parts)}\n`);
  try {
    const status = await runCommand(args, env);
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    console.log = log;
    console.error = error;
  }
}
