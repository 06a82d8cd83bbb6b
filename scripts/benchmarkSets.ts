/**
 * Where the benchmark scripts find their data. The public QA sets and the seeds question set live in
 * ../shared (beside the clone), which a fresh checkout may not have: every lookup returns undefined
 * for what is missing so that a script can say what it skips instead of failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SEEDS_DIR = resolve(PROJECT_ROOT, 'seeds');
export const BENCH_OUT = resolve(PROJECT_ROOT, 'bench-out');

/** ../shared beside the project, or SHARED_DIR. */
export function sharedFolder(): string {
  return resolve(PROJECT_ROOT, process.env.SHARED_DIR ?? '../shared');
}

export interface BenchmarkSet {
  name: string;
  docs: string;
  questions: string;
}

/** A set of ../shared/benchmarks (cmrc2018-trial, cmrc2018, drcd, squad, mixed), when present. */
export function benchmarkSet(name: string): BenchmarkSet | undefined {
  const folder = resolve(sharedFolder(), 'benchmarks', name);
  const set = { name, docs: resolve(folder, 'docs'), questions: resolve(folder, 'questions.jsonl') };
  return existsSync(set.docs) && existsSync(set.questions) ? set : undefined;
}

/** The questions of a benchmark set's question file, as typed (line breaks made spaces). */
export function benchmarkQueries(set: BenchmarkSet): string[] {
  return readFileSync(set.questions, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as { question: unknown }).question).replace(/[\r\n]+/g, ' ').trim())
    .filter((query) => query !== '');
}

/** The questions of the seeds question set (../shared/eval/seeds-dev.jsonl, field "q"); [] when absent. */
export function seedsDevQueries(): string[] {
  const path = resolve(sharedFolder(), 'eval', 'seeds-dev.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as { q: unknown }).q));
}

/**
 * Questions a Discord user might type about the seed documents (AI large models), beyond the seeds
 * question set: long and short, Chinese, English and mixed, with typos of width and script.
 */
export const REALISTIC_SEEDS_QUERIES: readonly string[] = [
  '大模型的训练需要多少数据？',
  'Transformer 的自注意力机制是怎么工作的',
  '什么是预训练和微调',
  'BERT和GPT有什么不同',
  '大模型在医疗领域有哪些应用',
  '如何降低大模型的推理成本',
  '模型压缩的方法',
  '知识蒸馏',
  '强化学习 Atari',
  'DALL-E 能生成什么',
  'Codex 写代码',
  '梯度下降的公式',
  '大模型的未来发展趋势与挑战',
  '数据隐私和安全问题',
  '什么是卷积神经网络',
  'ＧＰＵ 显存不够怎么办',
  '機器學習和深度學習的關係',
  'how are large models trained',
  'attention is all you need',
  'PyTorch 代码实例',
  '过拟合怎么解决',
  '常见问题与解答',
  '学习率',
  'AI',
];
