/** What bench:discord and bench:http share besides the latency table (latencySummary.ts): the questions asked. */
import type { DeskReader } from '../src/reply/deskReader.ts';

/** Questions people would ask: the documents' FAQ, their section titles, and short topic words. */
export async function benchQuestions(desk: DeskReader): Promise<string[]> {
  return [
    ...(await desk.faq()).map((entry) => entry.question),
    ...(await desk.outline()).map((entry) => entry.title).filter((title) => title.length > 1),
    '大模型', '深度学习', '计算资源', '自然语言处理', '云服务', '模型训练', 'GPU', '未来发展趋势', '数据集', '神经网络',
  ];
}
