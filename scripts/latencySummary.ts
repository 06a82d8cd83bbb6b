/** Percentiles of latency samples, for the benchmark scripts that print them. */

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface LatencySummary {
  name: string;
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(name: string, samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { name, n: sorted.length, p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

/** One table row per summary: name, n, p50, p90, p99, max (ms). */
export function printLatencyTable(rows: LatencySummary[], nameWidth = 18): void {
  console.log(`${'kind'.padEnd(nameWidth)}    n     p50 ms  p90 ms  p99 ms  max ms`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(nameWidth)} ${String(row.n).padStart(4)} ${row.p50.toFixed(2).padStart(8)} ${row.p90.toFixed(2).padStart(7)} ${row.p99.toFixed(2).padStart(7)} ${row.max.toFixed(2).padStart(7)}`);
  }
}
