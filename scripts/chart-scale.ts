/**
 * `npm run chart:scale [-- --in bench-out/scale.json --out docs/scale.svg]`: draws the scale
 * benchmark as a hand-written SVG (no charting dependency): four log–log panels against corpus
 * size — index build time, memory, search latency and spawn → first answer — with the targets.
 * On log–log axes a straight line is a power law; its slope is the scaling exponent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_OUT, PROJECT_ROOT } from './benchmarkSets.ts';
import type { BuildMeasurement, ScaleReport, ScaleRow } from './bench-scale.ts';

interface Point {
  x: number;
  y: number;
  label: string;
}

interface Series {
  name: string;
  color: string;
  points: Point[];
}

interface Panel {
  title: string;
  unit: string;
  series: Series[];
  targets: Array<{ y: number; label: string }>;
}

const WIDTH = 960;
const HEIGHT = 740;
const PANEL_WIDTH = 440;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 64, right: 16, top: 34, bottom: 72 };
const COLORS = { main: '#1f77b4', second: '#d62728', third: '#9467bd', target: '#2ca02c' };

function built(row: ScaleRow): BuildMeasurement | undefined {
  return 'failed' in row.build ? undefined : row.build;
}

export function panelsOf(report: ScaleReport): Panel[] {
  const at = (row: ScaleRow, y: number | undefined): Point[] => (y === undefined ? [] : [{ x: row.bytes / 1e6, y, label: row.size }]);
  const series = (name: string, color: string, value: (row: ScaleRow) => number | undefined): Series => ({
    name,
    color,
    points: report.rows.flatMap((row) => at(row, value(row))),
  });
  return [
    {
      title: 'Index build (load + clean + index)',
      unit: 's',
      series: [series('build', COLORS.main, (row) => (built(row) ? built(row)!.buildMs / 1000 : undefined))],
      targets: [],
    },
    {
      title: 'Memory of the search process',
      unit: 'MiB',
      series: [
        series('RSS after build', COLORS.main, (row) => built(row)?.rssAfterBuildMiB),
        series('peak, first start', COLORS.second, (row) => ('failed' in row.pipe ? undefined : (row.pipe.peakMiB ?? undefined))),
        series('peak, restart', COLORS.third, (row) => ('failed' in row.pipe ? undefined : (row.pipe.restartPeakMiB ?? undefined))),
      ],
      targets: [{ y: 2048, label: '2 GB' }],
    },
    {
      title: 'Search latency, in-process',
      unit: 'ms',
      series: [
        series('p50', COLORS.main, (row) => built(row)?.queryP50Ms),
        series('p99', COLORS.second, (row) => built(row)?.queryP99Ms),
      ],
      targets: [{ y: 3, label: 'p99 ≤ 3 ms (mixed)' }],
    },
    {
      title: 'Spawn → first answer (search --jsonl)',
      unit: 's',
      series: [
        series('first start (build, write cache)', COLORS.main, (row) => ('failed' in row.pipe ? undefined : row.pipe.firstAnswerMs / 1000)),
        series('restart (load cache)', COLORS.second, (row) => ('failed' in row.pipe ? undefined : row.pipe.restartMs / 1000)),
      ],
      targets: [
        { y: 0.5, label: 'seeds ≤ 0.5 s' },
        { y: 1, label: 'mixed ≤ 1 s' },
        { y: 5, label: 'restart at 100 MB ≤ 5 s' },
      ],
    },
  ];
}

/** Tick values 1, 2, 5 × 10^k inside [low, high]; only powers of ten when the range is wide. */
function logTicks(low: number, high: number): number[] {
  const ticks: number[] = [];
  const wide = Math.log10(high / low) > 3;
  for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
    for (const mantissa of wide ? [1] : [1, 2, 5]) {
      const value = mantissa * 10 ** exponent;
      if (value >= low * 0.999 && value <= high * 1.001) ticks.push(value);
    }
  }
  return ticks;
}

/** A domain padded to whole 1-2-5 steps, so the end ticks sit on the frame. */
function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, 10];
  const steps = [1, 2, 5, 10];
  const floorStep = (v: number): number => {
    const base = 10 ** Math.floor(Math.log10(v));
    return base * [...steps].reverse().find((s) => s * base <= v)!;
  };
  const ceilStep = (v: number): number => {
    const base = 10 ** Math.floor(Math.log10(v));
    return base * steps.find((s) => s * base >= v)!;
  };
  const low = floorStep(Math.min(...positive));
  const high = ceilStep(Math.max(...positive));
  return low === high ? [low, high * 2] : [low, high];
}

function formatNumber(value: number): string {
  if (value >= 1000) return `${Number((value / 1000).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Where each series' legend entry goes: left to right, wrapping to a new row (about 6.5 px a character). */
function legendPlaces(series: readonly Series[], width: number): Array<{ x: number; row: number }> {
  const places: Array<{ x: number; row: number }> = [];
  let x = 0;
  let row = 0;
  for (const entry of series) {
    const entryWidth = 20 + entry.name.length * 6.5 + 14;
    if (x > 0 && x + entryWidth > width) {
      x = 0;
      row++;
    }
    places.push({ x, row });
    x += entryWidth;
  }
  return places;
}

function renderPanel(panel: Panel, left: number, top: number, xDomain: [number, number]): string {
  const plotLeft = left + MARGIN.left;
  const plotTop = top + MARGIN.top;
  const plotWidth = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = [...panel.series.flatMap((s) => s.points.map((p) => p.y)), ...panel.targets.map((t) => t.y)];
  const yDomain = logDomain(values);
  const scale = (value: number, [low, high]: [number, number], size: number): number => (Math.log(value / low) / Math.log(high / low)) * size;
  const xOf = (x: number): number => plotLeft + scale(x, xDomain, plotWidth);
  const yOf = (y: number): number => plotTop + plotHeight - scale(y, yDomain, plotHeight);
  const parts: string[] = [
    `<text x="${left + 8}" y="${top + 18}" class="title">${escapeXml(panel.title)} (${panel.unit})</text>`,
    `<rect x="${plotLeft}" y="${plotTop}" width="${plotWidth}" height="${plotHeight}" class="frame"/>`,
  ];
  for (const tick of logTicks(...yDomain)) {
    const y = yOf(tick).toFixed(1);
    parts.push(`<line x1="${plotLeft}" x2="${plotLeft + plotWidth}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(`<text x="${plotLeft - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${formatNumber(tick)}</text>`);
  }
  for (const tick of logTicks(...xDomain)) {
    const x = xOf(tick).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${plotTop}" y2="${plotTop + plotHeight}" class="grid"/>`);
    parts.push(`<text x="${x}" y="${plotTop + plotHeight + 16}" class="tick" text-anchor="middle">${formatNumber(tick)}</text>`);
  }
  parts.push(`<text x="${plotLeft + plotWidth / 2}" y="${plotTop + plotHeight + 32}" class="axis" text-anchor="middle">corpus size (MB on disk)</text>`);
  for (const target of panel.targets) {
    const y = yOf(target.y).toFixed(1);
    parts.push(`<line x1="${plotLeft}" x2="${plotLeft + plotWidth}" y1="${y}" y2="${y}" class="target"/>`);
    parts.push(`<text x="${plotLeft + 4}" y="${Number(y) - 4}" class="target-label">${escapeXml(target.label)}</text>`);
  }
  panel.series.forEach((series, index) => {
    const path = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p.x).toFixed(1)},${yOf(p.y).toFixed(1)}`).join(' ');
    if (series.points.length > 1) parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
    for (const point of series.points) {
      const x = xOf(point.x).toFixed(1);
      const y = yOf(point.y).toFixed(1);
      parts.push(`<circle cx="${x}" cy="${y}" r="3.5" fill="${series.color}"><title>${escapeXml(`${point.label}: ${formatNumber(point.y)} ${panel.unit}`)}</title></circle>`);
      if (index === 0) parts.push(`<text x="${x}" y="${Number(y) - 8}" class="point" text-anchor="middle">${escapeXml(point.label)}</text>`);
    }
    // One row under the axis title: inside the plot a legend would cover points or target lines.
    const place = legendPlaces(panel.series, plotWidth)[index];
    const legendX = plotLeft + place.x;
    const legendY = plotTop + plotHeight + 50 + place.row * 14;
    parts.push(`<line x1="${legendX}" x2="${legendX + 16}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${series.color}" stroke-width="2"/>`);
    parts.push(`<text x="${legendX + 20}" y="${legendY}" class="legend">${escapeXml(series.name)}</text>`);
  });
  return parts.join('\n');
}

export function renderScaleChart(report: ScaleReport): string {
  const panels = panelsOf(report);
  const xDomain = logDomain(report.rows.map((row) => row.bytes / 1e6));
  const failed = report.rows.filter((row) => 'failed' in row.build || 'failed' in row.pipe).map((row) => row.size);
  const subtitle = `${report.cpu ?? 'unknown CPU'}, ${report.cores} cores, Node ${report.node}; measured ${report.at.slice(0, 10)}${failed.length > 0 ? `; not measured for: ${failed.join(', ')}` : ''}`;
  const body = panels.map((panel, i) => renderPanel(panel, 20 + (i % 2) * (PANEL_WIDTH + 40), 60 + Math.floor(i / 2) * (PANEL_HEIGHT + 40), xDomain));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">
<style>
  .title { font-size: 14px; font-weight: 600; fill: #222; }
  .heading { font-size: 18px; font-weight: 700; fill: #111; }
  .subtitle { font-size: 12px; fill: #555; }
  .frame { fill: #fff; stroke: #999; }
  .grid { stroke: #e4e4e4; }
  .tick, .axis, .legend, .point { font-size: 11px; fill: #444; }
  .target { stroke: ${COLORS.target}; stroke-dasharray: 5 4; }
  .legend { font-size: 10.5px; }
  .target-label { font-size: 11px; fill: ${COLORS.target}; }
</style>
<rect width="100%" height="100%" fill="#fafafa"/>
<text x="20" y="28" class="heading">Answer desk at scale: seeds → mixed → generated 10 MB and 100 MB corpora</text>
<text x="20" y="46" class="subtitle">${escapeXml(subtitle)}</text>
${body.join('\n')}
</svg>
`;
}

const { values } = parseArgs({
  options: {
    in: { type: 'string', default: resolve(BENCH_OUT, 'scale.json') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'docs', 'scale.svg') },
  },
});
const report = JSON.parse(readFileSync(values.in, 'utf8')) as ScaleReport;
writeFileSync(values.out, renderScaleChart(report));
process.stderr.write(`chart-scale: wrote ${values.out} from ${values.in} (${report.rows.length} sizes)\n`);
