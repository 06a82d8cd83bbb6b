import { describe, expect, it } from 'vitest';
import { findDocument } from '../../src/desk/findDocument.ts';
import type { DocumentInfo } from '../../src/desk/types.ts';

const documents: DocumentInfo[] = [
  { doc: 'guide.md', title: '模型指南', name: '模型指南', sections: 3, passages: 5 },
  { doc: 'faq.md', title: 'FAQ', name: 'FAQ', sections: 1, passages: 2 },
  { doc: 'zh/深度学习.md', title: '深度学习', name: '深度学习', sections: 1, passages: 1 },
];

describe('findDocument', () => {
  it('finds a document by its path or its title', () => {
    expect(findDocument(documents, 'faq.md')?.doc).toBe('faq.md');
    expect(findDocument(documents, '模型指南')?.doc).toBe('guide.md');
  });

  it('finds a unique part of a path or title, folded (case, Traditional)', () => {
    expect(findDocument(documents, 'GUIDE')?.doc).toBe('guide.md');
    expect(findDocument(documents, '深度學習.md')?.doc).toBe('zh/深度学习.md');
  });

  it('finds a part typed with other spacing or width', () => {
    const spaced: DocumentInfo[] = [...documents, { doc: 'notes/my notes.md', title: 'Notes', name: 'Notes', sections: 1, passages: 1 }];
    expect(findDocument(spaced, 'my notes')?.doc).toBe('notes/my notes.md');
    expect(findDocument(spaced, 'ＭＹ　ＮＯＴＥＳ')?.doc).toBe('notes/my notes.md');
  });

  it('refuses an ambiguous or empty name', () => {
    expect(findDocument(documents, '.md')).toBeUndefined();
    expect(findDocument(documents, '  ')).toBeUndefined();
  });
});
