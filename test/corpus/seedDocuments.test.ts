/** The real seed documents, cleaned: what the issue promises about them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';
import { matchingKey } from '../../src/corpus/nearDuplicates.ts';

const seedsDir = join(import.meta.dirname, '..', '..', 'seeds');
const cleaned = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => cleanDocument({ path: f, text: readFileSync(join(seedsDir, f), 'utf8') }));
const allText = cleaned.flatMap((d) => d.passages.map((p) => p.text)).join('\n');

describe('the cleaned seed documents', () => {
  it('are all five', () => {
    expect(cleaned).toHaveLength(5);
  });

  it('hold no U+FFFD', () => {
    expect(allText).not.toContain('\uFFFD');
  });

  it('hold no paragraph twice', () => {
    for (const doc of cleaned) {
      const keys = doc.passages.map((p) => matchingKey(p.text));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('hold none of the GPT-4 … GPT-92 loop, but keep GPT-3', () => {
    for (let n = 4; n <= 92; n++) expect(allText).not.toContain(`“GPT-${n}”`);
    expect(allText).toContain('“GPT-3”');
  });

  it('still hold the BERT, Codex and DALL-E paragraphs', () => {
    expect(allText).toContain('名为“BERT”的语言模型');
    expect(allText).toContain('名为“Codex”的代码生成模型');
    expect(allText).toContain('名为“DALL-E”的图像生成模型');
  });

  it('do not keep the one-character near-copies', () => {
    expect(allText).not.toContain('图像处处理');
  });

  it('keep an empty section in the outline, marked empty', () => {
    const doc = cleaned.find((d) => d.path.startsWith('003'))!;
    expect(doc.sections.find((s) => s.title === '1.6 工具和资源推荐')).toMatchObject({ empty: true });
  });

  it('count a section holding only a lead-in ("…主要包括：") as empty', () => {
    const doc = cleaned.find((d) => d.path.startsWith('003'))!;
    expect(doc.sections.find((s) => s.title.startsWith('1.3 '))).toMatchObject({ empty: true });
    expect(doc.sections.find((s) => s.title.startsWith('1.4 '))).toMatchObject({ empty: true });
  });

  it('quote the challenges together with the sentence that introduces them', () => {
    const doc = cleaned.find((d) => d.path.startsWith('003'))!;
    const challenges = doc.passages.find((p) => p.text.includes('主要面临的挑战包括：'))!;
    expect(challenges.kind).toBe('list');
    expect(challenges.text).toContain('- 计算能力：');
    expect(challenges.text).toContain('- 应用场景：');
  });

  it('report what was removed, by reason, with the source line', () => {
    const loop = cleaned.find((d) => d.path.startsWith('004'))!.report;
    expect(loop.paragraphsDropped.templateRun).toBe(88);
    expect(loop.paragraphsDropped.truncated).toBe(1);
    expect(loop.removals.find((r) => r.reason === 'templateRun')).toMatchObject({ line: 40 });
  });
});
