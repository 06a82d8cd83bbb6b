import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../src/corpus/parseBlocks.ts';

const kinds = (text: string): string[] => parseBlocks(text).map((block) => (block.kind === 'heading' ? `h${block.level}:${block.title}` : block.kind));

describe('parseBlocks', () => {
  it('reads headings of one to six marks after up to three spaces', () => {
    expect(kinds('# 一\n   ## 二 ##\n###### 六\n####### 七\n    # 缩进\n#标签')).toEqual(['h1:一', 'h2:二', 'h6:六', 'paragraph']);
  });

  it('reads fenced code after up to three spaces, to its closing fence', () => {
    expect(kinds('   ```js\n# 不是标题\n```\n文字')).toEqual(['code', 'paragraph']);
    expect(kinds('~~~\ncode\n~~~')).toEqual(['code']);
    expect(kinds('    ```\n代码？')).toEqual(['paragraph']);
  });

  it('tells lists by their marks, and starts one after prose', () => {
    expect(kinds('- 一\n* 二\n+ 三\n• 四\n1. 五\n12) 六\n3、 七\n  续行')).toEqual(['list']);
    expect(kinds('引言包括：\n- 一\n- 二')).toEqual(['paragraph', 'list']);
    expect(kinds('1234. 不是列表\n-没有空格')).toEqual(['paragraph']);
  });

  it('keeps the source line of every line', () => {
    const [, paragraph] = parseBlocks('# 标题\n\n第一行\n第二行');
    expect(paragraph).toEqual({ kind: 'paragraph', lines: [{ line: 3, text: '第一行' }, { line: 4, text: '第二行' }] });
  });
});
