/** /about: what is loaded, what cleaning removed, and how long the bot has been up. */
import type { DeskReader, RuntimeFacts } from './deskReader.ts';
import type { Messages } from './messages.ts';
import { namedProblems } from './nothingServed.ts';
import { emptyReply, type Reply, type ReplyLine } from './model.ts';

/** How many of the files not served /about names; the rest are counted (the CLI report lists all). */
const NAMED_PROBLEMS = 5;

/** The files the desk could not serve, each with its reason: the operator sees them without the logs. */
function notServedLines(desk: DeskReader, text: Messages): ReplyLine[] {
  if (desk.problems.length === 0) return [];
  const { named, more } = namedProblems(desk.problems, NAMED_PROBLEMS);
  return [
    { text: text.notServedHeading(desk.problems.length), indent: 0 },
    ...named.map(({ path, reason }) => ({ text: `${path}: ${reason}`, indent: 1 })),
    ...(more > 0 ? [{ text: text.moreProblems(more), indent: 1 }] : []),
  ];
}

export async function describeDesk(desk: DeskReader, facts: RuntimeFacts, now: Date, text: Messages): Promise<Reply> {
  const stats = await desk.stats();
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
    .map((line): ReplyLine => ({ text: line, indent: 0 }))
    .concat(notServedLines(desk, text));
  return {
    ...emptyReply('listed', false),
    title: text.aboutTitle,
    notes: facts.lastReloadError === undefined ? [] : [text.reloadFailed(facts.lastReloadError)],
    lines,
    resultCount: stats.documents,
  };
}

/** /about before the first documents are in: how far they have got, and how the bot is doing. */
export function describeLoading(facts: RuntimeFacts, now: Date, text: Messages): Reply {
  const lines = text.aboutWhileLoading({
    progress: facts.loading,
    uptimeMs: Math.max(0, now.getTime() - facts.startedAt.getTime()),
    version: facts.version,
    shard: facts.shard,
  });
  return { ...emptyReply('loading', false), title: text.aboutTitle, lines: lines.map((line): ReplyLine => ({ text: line, indent: 0 })) };
}
