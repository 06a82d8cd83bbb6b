/**
 * `npx tsx scripts/summarize-profile.ts FILE.cpuprofile [--top 25]`: where the time went in a V8
 * CPU profile (from `node --cpu-prof`, or `npm run bench:scale -- --cpu-prof`), as two tables:
 * functions by self time, and by total time (self + callees, each sample counted once per function
 * even under recursion). Enough to say which function of a build is slow without a profiler UI.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from './benchmarkSets.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

export function summarizeProfile(profile: CpuProfile): { functions: FunctionTime[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const keyOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith('file://') ? relative(PROJECT_ROOT, new URL(url).pathname) : url;
    return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    const node = byId.get(id);
    if (!node) continue;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const ancestor = keyOf(byId.get(at)!);
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      total.set(ancestor, (total.get(ancestor) ?? 0) + us);
    }
  }
  const functions = [...total.entries()].map(([name, us]) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: us / 1000 }));
  return { functions, totalMs: totalUs / 1000 };
}

function formatRows(rows: readonly FunctionTime[], totalMs: number, value: (row: FunctionTime) => number): string {
  return rows
    .map((row) => `${(value(row) / 1000).toFixed(2).padStart(9)} s ${((100 * value(row)) / totalMs).toFixed(1).padStart(5)}%  ${row.name}`)
    .join('\n');
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
if (positionals.length !== 1) {
  process.stderr.write('usage: npx tsx scripts/summarize-profile.ts FILE.cpuprofile [--top N]\n');
  process.exitCode = 1;
} else {
  const top = Number(values.top);
  const { functions, totalMs } = summarizeProfile(JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile);
  const bySelf = [...functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const byTotal = [...functions].sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
  process.stdout.write(
    `${positionals[0]}: ${(totalMs / 1000).toFixed(2)} s sampled\n\nby self time\n${formatRows(bySelf, totalMs, (r) => r.selfMs)}\n\nby total time (self + callees)\n${formatRows(byTotal, totalMs, (r) => r.totalMs)}\n`,
  );
}
