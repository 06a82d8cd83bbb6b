/** What bench:discord and bench:http share: the questions asked, and the latency table. */
import type { DeskReader } from '../src/reply/deskReader.ts';

/** Questions people would ask: the documents' FAQ, their section titles, and short topic words. */
export function benchQuestions(desk: DeskReader): string[] {
  return [
    ...desk.faq().map((entry) => entry.question),
    ...desk.outline().map((entry) => entry.title).filter((title) => title.length > 1),
    '大模型', '深度学习', '计算资源', '自然语言处理', '云服务', '模型训练', 'GPU', '未来发展趋势', '数据集', '神经网络',
  ];
}

export interface LatencyRow {
  name: string;
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(name: string, samples: number[]): LatencyRow {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { name, n: sorted.length, p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

export function printRows(rows: LatencyRow[], nameWidth = 18): void {
  console.log(`${'kind'.padEnd(nameWidth)}    n   p50 ms  p90 ms  p99 ms  max ms`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(nameWidth)} ${String(row.n).padStart(4)} ${row.p50.toFixed(2).padStart(8)} ${row.p90.toFixed(2).padStart(7)} ${row.p99.toFixed(2).padStart(7)} ${row.max.toFixed(2).padStart(7)}`);
  }
}
