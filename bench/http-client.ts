import { parentPort, workerData } from 'node:worker_threads';

/**
 * The HTTP side of the availability benchmark, in a worker thread: a client with its own event
 * loop, as a real caller has, so reading a two-megabyte answer is not counted as the server's
 * time (and the server's work is not counted as the client's). Times each request to the last
 * byte of the body; answers p50 and p95 in milliseconds, and the body's size in bytes.
 */
const { url, iterations, warmup } = workerData as {
  url: string;
  iterations: number;
  warmup: number;
};

async function fetchOk(): Promise<number> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`availability answered ${res.status}`);
  return (await res.arrayBuffer()).byteLength;
}

let bytes = 0;
for (let i = 0; i < warmup; i++) bytes = await fetchOk();
const ms: number[] = [];
for (let i = 0; i < iterations; i++) {
  const t = performance.now();
  await fetchOk();
  ms.push(performance.now() - t);
}
ms.sort((a, b) => a - b);
// The same percentile as the in-process figures (bench/scheduling.ts).
const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!;
parentPort!.postMessage({ p50: at(50), p95: at(95), bytes });
