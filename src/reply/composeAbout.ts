/** /about: what is loaded, what cleaning removed, and how long the bot has been up. */
import type { DeskReader, RuntimeFacts } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { emptyReply, type Reply } from './model.ts';

export function describeDesk(desk: DeskReader, facts: RuntimeFacts, now: Date, text: Messages): Reply {
  const stats = desk.stats();
  const lines = text
    .aboutLines({
      documents: stats.documents,
      sections: stats.sections,
      passages: stats.passages,
      removedParagraphs: stats.removed.paragraphs,
      removedSentences: stats.removed.sentences,
      charsIn: stats.removed.charsIn,
      charsOut: stats.removed.charsOut,
      buildMs: Math.round(stats.buildMs),
      fromCache: stats.indexSource === 'cache',
      loadedAt: facts.loadedAt,
      uptimeMs: Math.max(0, now.getTime() - facts.startedAt.getTime()),
      version: facts.version,
      problems: desk.problems.length,
      shard: facts.shard,
    })
    .concat(facts.watching === undefined ? [] : [text.watchStatus(facts.watching)])
    .map((line) => ({ text: line, indent: 0 }));
  return {
    ...emptyReply('listed', false),
    title: text.aboutTitle,
    notes: facts.lastReloadError === undefined ? [] : [text.reloadFailed(facts.lastReloadError)],
    lines,
    resultCount: stats.documents,
  };
}
