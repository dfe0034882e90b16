/**
 * HOURGLASS_* variables this build does not read: almost always a misspelling, which would
 * otherwise leave a setting at its default without a word. Variables of the test and benchmark
 * tooling (HOURGLASS_TEST_*, HOURGLASS_BENCH_*) are not the server's and are let be.
 */
export function unknownVariables(env: NodeJS.ProcessEnv, known: readonly string[]): string[] {
  const names = new Set(known);
  return Object.keys(env)
    .filter((k) => k.startsWith('HOURGLASS_') && !names.has(k))
    .filter((k) => !/^HOURGLASS_(TEST|BENCH)_/.test(k))
    .sort()
    .map((k) => {
      const near = nearest(k, known);
      return `${k} is not a Hourglass setting${near ? ` (did you mean ${near}?)` : ''}.`;
    });
}

/** The known name a typo most likely meant: at most a few edits away. */
function nearest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d <= 3 && (!best || d < best.distance)) best = { name: k, distance: d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
