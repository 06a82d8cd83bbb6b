/** The rule for the tables the build writes to dist/: read when there and accepted, else made from the package. */
import { describe, expect, it } from 'vitest';
import { builtTable } from '../../src/config/builtTable.ts';

describe('builtTable', () => {
  it('makes the table when the build wrote none', () => {
    const read = (): string => {
      throw new Error('there is no file to read');
    };
    expect(builtTable('no-such-table.tsv', read, () => 'made')).toBe('made');
  });

  it('makes the table when the one written is refused (made from another package version) or is not one', () => {
    expect(builtTable('pinyin.tsv', () => undefined, () => 'made')).toBe('made');
    expect(
      builtTable(
        'dictionary.tsv',
        () => {
          throw new Error('not a table');
        },
        () => 'made',
      ),
    ).toBe('made');
  });
});
