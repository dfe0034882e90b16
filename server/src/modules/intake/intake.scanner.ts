import { spawn } from 'node:child_process';
import { Unavailable } from '../../platform/http/errors.ts';

/** Scans an upload before it is stored. */
export interface Scanner {
  scan(content: Buffer): Promise<'clean' | 'infected'>;
}

/** No scanner configured: uploads are refused rather than stored unscanned. */
export const noScanner: Scanner = {
  scan: async () => {
    throw new Unavailable('Uploads are turned off: no virus scanner is configured.');
  },
};

/**
 * Runs a scanner command (e.g. `clamscan --no-summary -d <db> -`) with the file on stdin: exit
 * 0 clean, 1 infected, anything else (or a timeout) means the scanner failed and nothing is stored.
 */
export function commandScanner(argv: string[], timeoutMs = 60_000): Scanner {
  const [cmd, ...args] = argv;
  if (!cmd) return noScanner;
  return {
    scan: (content) =>
      new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'ignore'], timeout: timeoutMs });
        const fail = () =>
          reject(new Unavailable('The virus scanner is not answering. Try again later.'));
        child.on('error', fail);
        child.on('close', (code) => {
          if (code === 0) resolve('clean');
          else if (code === 1) resolve('infected');
          else fail();
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(content);
      }),
  };
}
