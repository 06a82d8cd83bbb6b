import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedVersion } from '../../src/config/install.ts';
import { programShape, shapeChanges, SHAPING_PACKAGES, SNAPSHOT_FORMAT } from '../../src/desk/programFingerprint.ts';
import { INDEX_CONFIG_VERSION } from '../../src/search/passageIndex.ts';

describe('what the cache key holds besides the documents', () => {
  it("is the snapshot format, the index configuration, the installed versions of the shaping packages and Node's Unicode version", () => {
    const require = createRequire(import.meta.url);
    const stemmer = require('../../node_modules/stemmer/package.json') as { version: string };
    const shape = programShape();
    expect(Object.keys(shape).sort()).toEqual(['format', 'index', 'packages', 'unicode']);
    expect(shape.unicode).toBe(process.versions.unicode);
    expect(shape.format).toBe(SNAPSHOT_FORMAT);
    expect(shape.index).toBe(INDEX_CONFIG_VERSION);
    expect(Object.keys(shape.packages)).toEqual([...SHAPING_PACKAGES]);
    expect(shape.packages.stemmer).toBe(stemmer.version);
  });

  it('reads a version from the nearest node_modules up the folders, as Node resolves a package', () => {
    const root = mkdtempSync(join(tmpdir(), 'answer-desk-versions-'));
    try {
      mkdirSync(join(root, 'node_modules', 'shaper'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'shaper', 'package.json'), JSON.stringify({ name: 'shaper', version: '1.2.3' }));
      mkdirSync(join(root, 'app', 'dist'), { recursive: true });
      expect(installedVersion('shaper', join(root, 'app', 'dist'))).toBe('1.2.3');
      expect(installedVersion('absent-package', join(root, 'app', 'dist'))).toBe('not installed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names every part that changed', () => {
    const before = { format: 4, index: 'v1', packages: { flexsearch: '0.8.212', stemmer: '2.0.1' } };
    expect(shapeChanges(before, before)).toEqual([]);
    expect(shapeChanges(before, { format: 5, index: 'v2', packages: { flexsearch: '0.8.213', 'pinyin-pro': '3.0.0' }, unicode: '16.0' })).toEqual([
      'snapshot format 4 → 5',
      'index configuration v1 → v2',
      'Unicode (not a key part) → 16.0',
      'flexsearch 0.8.212 → 0.8.213',
      'stemmer 2.0.1 → not a key part',
      'pinyin-pro not a key part → 3.0.0',
    ]);
  });
});
