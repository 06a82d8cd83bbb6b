/**
 * Every sentence the bot says, in English, Simplified and Traditional Chinese. Discord locales
 * zh-CN / zh-TW (and any other zh-*) get Chinese; everything else gets English.
 */

import type { SeedsWatchStatus } from '../desk/watchSeeds.ts';
import type { LoadingProgress } from './deskReader.ts';

export type LocaleKey = 'en' | 'zh-CN' | 'zh-TW';

export interface AboutFigures {
  documents: number;
  sections: number;
  passages: number;
  removedParagraphs: number;
  removedSentences: number;
  charsIn: number;
  charsOut: number;
  buildMs: number;
  /** The index came from the on-disk cache rather than being built. */
  fromCache: boolean;
  loadedAt: Date;
  uptimeMs: number;
  version: string;
  problems: number;
  /** The gateway shard this process serves, when the bot runs sharded (ids count from 0). */
  shard?: { id: number; count: number };
}

/** What /about says while the first documents load. */
export interface LoadingAboutFigures {
  progress: LoadingProgress | undefined;
  uptimeMs: number;
  version: string;
  shard?: { id: number; count: number };
}

export interface Messages {
  locale: LocaleKey;
  resultsTitle(query: string, from: number, to: number, total: number): string;
  noMoreResults(query: string): string;
  nothingFound(query: string): string;
  didYouMean: string;
  emptyQuestion: string;
  noTextInMessage: string;
  moreButton: string;
  summaryButton(position: number, title: string): string;
  shareButton: string;
  previousPage: string;
  nextPage: string;
  citation(doc: string, sectionPath: readonly string[], line: number): string;
  mentionLine: string;
  emptySection: string;
  unknownSection(value: string): string;
  /** A heading several sections carry, typed instead of picked: the menu lists them. */
  severalSections(value: string, count: number): string;
  /** A title several documents carry: the names that tell them apart. */
  severalDocuments(value: string, names: readonly string[]): string;
  sectionGone: string;
  documentsTitle(count: number): string;
  documentLine(title: string, doc: string, sections: number, passages: number): string;
  outlineTitle(title: string, doc: string): string;
  pageNote(page: number, pages: number): string;
  emptyMark: string;
  unknownDocument(value: string, known: readonly string[]): string;
  /** Nothing is served at all: why, and the folder to put documents in. */
  noDocumentsServed(why: string, folder: string): string;
  noDocumentFiles: string;
  moreProblems(count: number): string;
  /** /about: the heading over the files that are not served. */
  notServedHeading(count: number): string;
  aboutTitle: string;
  aboutLines(figures: AboutFigures): string[];
  /** /about before the first documents are in. */
  aboutWhileLoading(figures: LoadingAboutFigures): string[];
  /** The first documents are not in yet: how far their loading has got (files cleaned of all). */
  documentsLoading(progress: LoadingProgress | undefined): string;
  /** After documentsLoading, in a deferred reply that the answer will replace. */
  answerFollows: string;
  /** After documentsLoading, when the reply cannot wait any longer (Discord's 15 minutes). */
  askAgainLater: string;
  /** After documentsLoading, beside a message that a press will change (a page turn) once they are in. */
  updateFollows: string;
  /** After documentsLoading, when a press cannot wait any longer. */
  pressAgainLater: string;
  reloadFailed(reason: string): string;
  /** What hot reload is watching, for /about. */
  watchStatus(status: SeedsWatchStatus): string;
  notYourButton: string;
  invalidButton: string;
  unknownCommand: string;
  unexpectedForm: string;
  cooldown(seconds: number): string;
  somethingWentWrong: string;
  expired: string;
  shuttingDown: string;
  consoleBanner: string;
  consoleHelp: string[];
  consolePick(count: number): string;
  consoleNoSuchChoice: string;
  consoleUnknownCommand(name: string): string;
}

/** UTC timestamp without milliseconds: stable and readable in every locale. */
function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function durationParts(ms: number): [number, number, number, number] {
  const seconds = Math.floor(ms / 1_000);
  return [Math.floor(seconds / 86_400), Math.floor((seconds % 86_400) / 3_600), Math.floor((seconds % 3_600) / 60), seconds % 60];
}

function formatDuration(ms: number, units: [string, string, string, string], join: string): string {
  const parts = durationParts(ms);
  const first = parts.findIndex((part) => part > 0);
  if (first === -1) return `0${units[3]}`;
  return parts
    .slice(first, first + 2)
    .map((part, i) => `${part}${units[first + i]}`)
    .join(join);
}

/** 1,234: the grouping reads the same in English and Chinese text. */
function grouped(count: number): string {
  return count.toLocaleString('en-US');
}

/** "1,234 of 5,000" when the files are counted, nothing before. */
function progressOf(progress: LoadingProgress | undefined, phrase: (done: string, total: string) => string): string | undefined {
  return progress === undefined || progress.total === 0 ? undefined : phrase(grouped(progress.done), grouped(progress.total));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The uptime, version and shard lines, with the documents loaded or not. */
function enRunningLines(f: Pick<AboutFigures, 'uptimeMs' | 'version' | 'shard'>): string[] {
  return [
    `Uptime ${formatDuration(f.uptimeMs, [' d', ' h', ' min', ' s'], ' ')}; version ${f.version}`,
    ...(f.shard === undefined ? [] : [`Gateway shard ${f.shard.id} of ${f.shard.count} (numbered from 0)`]),
  ];
}

function zhCNRunningLines(f: Pick<AboutFigures, 'uptimeMs' | 'version' | 'shard'>): string[] {
  return [
    `已运行 ${formatDuration(f.uptimeMs, [' 天', ' 小时', ' 分', ' 秒'], ' ')}；版本 ${f.version}`,
    ...(f.shard === undefined ? [] : [`网关分片 ${f.shard.id}（共 ${f.shard.count} 个，从 0 起编号）`]),
  ];
}

function zhTWRunningLines(f: Pick<AboutFigures, 'uptimeMs' | 'version' | 'shard'>): string[] {
  return [
    `已執行 ${formatDuration(f.uptimeMs, [' 天', ' 小時', ' 分', ' 秒'], ' ')}；版本 ${f.version}`,
    ...(f.shard === undefined ? [] : [`閘道分片 ${f.shard.id}（共 ${f.shard.count} 個，從 0 起編號）`]),
  ];
}

const en: Messages = {
  locale: 'en',
  resultsTitle: (query, from, to, total) => `Results for “${query}” (${from}–${to} of ${total})`,
  noMoreResults: (query) => `No more results for “${query}”.`,
  nothingFound: (query) => `Nothing in the documents matches “${query}”.`,
  didYouMean: 'Did you mean one of these sections?',
  emptyQuestion: 'Please type a question.',
  noTextInMessage: 'That message has no text to ask the documents about.',
  moreButton: 'More',
  summaryButton: (position, title) => `Summary ${position}: ${title}`,
  shareButton: 'Send in chat',
  previousPage: 'Previous',
  nextPage: 'Next',
  citation: (doc, sectionPath, line) => `${[doc, ...sectionPath].join(' › ')}, line ${line}`,
  mentionLine: 'this may help:',
  emptySection: 'This section has no text left after cleaning.',
  unknownSection: (value) => `No section matches “${value}”. Pick one of the suggestions shown while typing.`,
  severalSections: (value, count) => `${count} sections are called “${value}”. Pick the one you mean.`,
  severalDocuments: (value, names) => `${names.length} documents are called “${value}”: ${names.join(', ')}. Name one of them.`,
  sectionGone: 'That section is no longer in the documents (they were reloaded). Run the command again.',
  documentsTitle: (count) => `Documents (${count})`,
  documentLine: (title, doc, sections, passages) => `${title} — ${doc} · ${plural(sections, 'section')}, ${plural(passages, 'passage')}`,
  outlineTitle: (title, doc) => `Outline of ${title} (${doc})`,
  pageNote: (page, pages) => `Page ${page} of ${pages}`,
  emptyMark: '(empty)',
  unknownDocument: (value, known) => `No document is called “${value}”. Documents: ${known.join(', ')}.`,
  noDocumentsServed: (why, folder) => `No documents are being served: ${why}; add .md/.txt files to ${folder}`,
  noDocumentFiles: 'the folder holds no .md or .txt files',
  moreProblems: (count) => `(and ${count} more)`,
  notServedHeading: (count) => `Not served (${count}; \`npm run cli -- report\` lists them all):`,
  aboutTitle: 'About this answer desk',
  aboutLines: (f) => [
    `Documents: ${f.documents}, sections: ${f.sections}, passages: ${f.passages}`,
    `Cleaning removed ${plural(f.removedParagraphs, 'paragraph')} and ${plural(f.removedSentences, 'sentence')} (${f.charsIn} → ${f.charsOut} characters)`,
    `Index ${f.fromCache ? 'loaded from cache' : 'built'} in ${f.buildMs} ms; last reload ${formatTime(f.loadedAt)}`,
    `Files that could not be served: ${f.problems}`,
    ...enRunningLines(f),
  ],
  aboutWhileLoading: (f) => [en.documentsLoading(f.progress), ...enRunningLines(f)],
  documentsLoading: (progress) => {
    const counted = progressOf(progress, (done, total) => ` (${done} of ${total} files)`);
    return `The documents are still loading${counted ?? ''}…`;
  },
  answerFollows: 'The answer will appear here once they are in.',
  askAgainLater: 'Please run the command again in a few minutes.',
  updateFollows: 'The message will change once they are in.',
  pressAgainLater: 'Please press the button again in a few minutes.',
  reloadFailed: (reason) => `The last reload failed, so the previous documents are still served: ${reason}`,
  watchStatus: (w) =>
    w.state === 'watching'
      ? `Watching ${w.folder} for changes (${plural(w.files, 'file')}, ${plural(w.folders, 'folder')})` +
        (w.unwatchedFolders > 0 ? `; ${plural(w.unwatchedFolders, 'folder')} could not be watched (restart to pick up changes there)` : '')
      : w.state === 'missing'
        ? `${w.folder} is missing; serving the last documents, waiting for it to come back`
        : w.state === 'starting'
          ? `Starting to watch ${w.folder} for changes`
          : `Not watching ${w.folder} for changes`,
  notYourButton: 'Only the person who ran this command can use these buttons. Run the command yourself to get your own.',
  invalidButton: 'This button is not valid; run the command again.',
  unknownCommand: 'This bot has no such command (it may have been renamed or removed). Type / to see its commands.',
  unexpectedForm: 'This form was not one the bot asked for; run the command again.',
  cooldown: (seconds) => `You're going a little fast. Please try again in ${seconds} s.`,
  somethingWentWrong: 'Something went wrong while answering. It has been logged; please try again.',
  expired: 'These buttons have expired. Please run the command again.',
  shuttingDown: 'The bot is restarting. Please try again in a moment.',
  consoleBanner: 'Answer desk console. Type /help for commands, a number to press a button, /quit to leave.',
  consoleHelp: [
    '/ask <question>      quoted excerpts that answer the question (plain text works too)',
    '/summary <section>   summary of a section (Tab completes)',
    '/sections [document] documents, or one document’s outline',
    '/about               what is loaded',
    '<number>             press one of the buttons shown under the last reply',
    '/quit                leave',
  ],
  consolePick: (count) => `Type 1–${count} to choose.`,
  consoleNoSuchChoice: 'There is no such choice under the last reply.',
  consoleUnknownCommand: (name) => `Unknown command ${name}. Type /help.`,
};

const zhCN: Messages = {
  locale: 'zh-CN',
  resultsTitle: (query, from, to, total) => `“${query}”的结果（第 ${from}–${to} 条，共 ${total} 条）`,
  noMoreResults: (query) => `“${query}”没有更多结果了。`,
  nothingFound: (query) => `文档中没有找到与“${query}”相关的内容。`,
  didYouMean: '你是不是想找这些章节？',
  emptyQuestion: '请输入一个问题。',
  noTextInMessage: '这条消息没有可以查询的文字。',
  moreButton: '更多',
  summaryButton: (position, title) => `摘要 ${position}：${title}`,
  shareButton: '发送到频道',
  previousPage: '上一页',
  nextPage: '下一页',
  citation: (doc, sectionPath, line) => `${[doc, ...sectionPath].join(' › ')}，第 ${line} 行`,
  mentionLine: '这些内容可能对你有帮助：',
  emptySection: '这个章节清理后没有剩下任何文字。',
  unknownSection: (value) => `没有与“${value}”匹配的章节。请从输入时出现的建议中选择。`,
  severalSections: (value, count) => `有 ${count} 个章节叫“${value}”。请选择你要的那个。`,
  severalDocuments: (value, names) => `有 ${names.length} 个文档叫“${value}”：${names.join('、')}。请指明其中一个。`,
  sectionGone: '这个章节已不在文档中（文档已重新加载）。请重新运行命令。',
  documentsTitle: (count) => `文档（${count} 个）`,
  documentLine: (title, doc, sections, passages) => `${title} — ${doc} · ${sections} 个章节，${passages} 个段落`,
  outlineTitle: (title, doc) => `${title}（${doc}）的目录`,
  pageNote: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
  emptyMark: '（空）',
  unknownDocument: (value, known) => `没有名为“${value}”的文档。现有文档：${known.join('、')}。`,
  noDocumentsServed: (why, folder) => `当前没有可提供的文档：${why}；请把 .md/.txt 文件放进 ${folder}`,
  noDocumentFiles: '文件夹里没有 .md 或 .txt 文件',
  moreProblems: (count) => `（另有 ${count} 个）`,
  notServedHeading: (count) => `未提供的文件（${count} 个；\`npm run cli -- report\` 列出全部）：`,
  aboutTitle: '关于这个答疑台',
  aboutLines: (f) => [
    `文档 ${f.documents} 个，章节 ${f.sections} 个，段落 ${f.passages} 个`,
    `清理删除了 ${f.removedParagraphs} 个段落和 ${f.removedSentences} 个句子（${f.charsIn} → ${f.charsOut} 个字符）`,
    `索引${f.fromCache ? '从缓存加载' : '构建'}用时 ${f.buildMs} 毫秒；上次加载于 ${formatTime(f.loadedAt)}`,
    `无法提供的文件：${f.problems} 个`,
    ...zhCNRunningLines(f),
  ],
  aboutWhileLoading: (f) => [zhCN.documentsLoading(f.progress), ...zhCNRunningLines(f)],
  documentsLoading: (progress) => {
    const counted = progressOf(progress, (done, total) => `（${done} / ${total} 个文件）`);
    return `文档仍在加载中${counted ?? ''}……`;
  },
  answerFollows: '加载完成后，答案会显示在这里。',
  askAgainLater: '请过几分钟再运行一次命令。',
  updateFollows: '加载完成后，消息会随之更新。',
  pressAgainLater: '请过几分钟再按一次按钮。',
  reloadFailed: (reason) => `上次重新加载失败，仍在使用之前的文档：${reason}`,
  watchStatus: (w) =>
    w.state === 'watching'
      ? `正在监视 ${w.folder} 的修改（${w.files} 个文件，${w.folders} 个文件夹）` +
        (w.unwatchedFolders > 0 ? `；${w.unwatchedFolders} 个文件夹无法监视（重启后才能看到其中的修改）` : '')
      : w.state === 'missing'
        ? `${w.folder} 不见了；仍在使用上次的文档，等待它恢复`
        : w.state === 'starting'
          ? `正在开始监视 ${w.folder}`
          : `没有在监视 ${w.folder}`,
  notYourButton: '只有运行这个命令的人才能使用这些按钮。你可以自己运行命令。',
  invalidButton: '这个按钮无效，请重新运行命令。',
  unknownCommand: '这个机器人没有这个命令（可能已改名或删除）。输入 / 查看它的命令。',
  unexpectedForm: '机器人没有请求这个表单，请重新运行命令。',
  cooldown: (seconds) => `你操作得有点快了，请 ${seconds} 秒后再试。`,
  somethingWentWrong: '回答时出了点问题，已经记录下来了，请再试一次。',
  expired: '这些按钮已过期，请重新运行命令。',
  shuttingDown: '机器人正在重启，请稍后再试。',
  consoleBanner: '答疑台控制台。输入 /help 查看命令，输入数字按下按钮，输入 /quit 退出。',
  consoleHelp: [
    '/ask <问题>          引用能回答问题的原文片段（直接输入文字也可以）',
    '/summary <章节>      章节摘要（按 Tab 补全）',
    '/sections [文档]     文档列表，或某个文档的目录',
    '/about               已加载的内容',
    '<数字>               按下上一条回复下方的按钮',
    '/quit                退出',
  ],
  consolePick: (count) => `输入 1–${count} 进行选择。`,
  consoleNoSuchChoice: '上一条回复下没有这个选项。',
  consoleUnknownCommand: (name) => `未知命令 ${name}。输入 /help 查看帮助。`,
};

const zhTW: Messages = {
  ...zhCN,
  locale: 'zh-TW',
  resultsTitle: (query, from, to, total) => `「${query}」的結果（第 ${from}–${to} 筆，共 ${total} 筆）`,
  noMoreResults: (query) => `「${query}」沒有更多結果了。`,
  nothingFound: (query) => `文件中沒有找到與「${query}」相關的內容。`,
  didYouMean: '你是不是想找這些章節？',
  emptyQuestion: '請輸入一個問題。',
  noTextInMessage: '這則訊息沒有可以查詢的文字。',
  moreButton: '更多',
  summaryButton: (position, title) => `摘要 ${position}：${title}`,
  shareButton: '傳送到頻道',
  previousPage: '上一頁',
  nextPage: '下一頁',
  citation: (doc, sectionPath, line) => `${[doc, ...sectionPath].join(' › ')}，第 ${line} 行`,
  mentionLine: '這些內容可能對你有幫助：',
  emptySection: '這個章節清理後沒有剩下任何文字。',
  unknownSection: (value) => `沒有與「${value}」相符的章節。請從輸入時出現的建議中選擇。`,
  severalSections: (value, count) => `有 ${count} 個章節叫「${value}」。請選擇你要的那個。`,
  severalDocuments: (value, names) => `有 ${names.length} 份文件叫「${value}」：${names.join('、')}。請指明其中一份。`,
  sectionGone: '這個章節已不在文件中（文件已重新載入）。請重新執行指令。',
  documentsTitle: (count) => `文件（${count} 份）`,
  documentLine: (title, doc, sections, passages) => `${title} — ${doc} · ${sections} 個章節，${passages} 個段落`,
  outlineTitle: (title, doc) => `${title}（${doc}）的目錄`,
  pageNote: (page, pages) => `第 ${page} 頁，共 ${pages} 頁`,
  emptyMark: '（空）',
  unknownDocument: (value, known) => `沒有名為「${value}」的文件。現有文件：${known.join('、')}。`,
  noDocumentsServed: (why, folder) => `目前沒有可提供的文件：${why}；請把 .md/.txt 檔案放進 ${folder}`,
  noDocumentFiles: '資料夾裡沒有 .md 或 .txt 檔案',
  moreProblems: (count) => `（另有 ${count} 個）`,
  notServedHeading: (count) => `未提供的檔案（${count} 個；\`npm run cli -- report\` 列出全部）：`,
  aboutTitle: '關於這個答疑臺',
  aboutLines: (f) => [
    `文件 ${f.documents} 份，章節 ${f.sections} 個，段落 ${f.passages} 個`,
    `清理刪除了 ${f.removedParagraphs} 個段落和 ${f.removedSentences} 個句子（${f.charsIn} → ${f.charsOut} 個字元）`,
    `索引${f.fromCache ? '從快取載入' : '建置'}耗時 ${f.buildMs} 毫秒；上次載入於 ${formatTime(f.loadedAt)}`,
    `無法提供的檔案：${f.problems} 個`,
    ...zhTWRunningLines(f),
  ],
  aboutWhileLoading: (f) => [zhTW.documentsLoading(f.progress), ...zhTWRunningLines(f)],
  documentsLoading: (progress) => {
    const counted = progressOf(progress, (done, total) => `（${done} / ${total} 個檔案）`);
    return `文件仍在載入中${counted ?? ''}……`;
  },
  answerFollows: '載入完成後，答案會顯示在這裡。',
  askAgainLater: '請過幾分鐘再執行一次指令。',
  updateFollows: '載入完成後，訊息會隨之更新。',
  pressAgainLater: '請過幾分鐘再按一次按鈕。',
  reloadFailed: (reason) => `上次重新載入失敗，仍在使用先前的文件：${reason}`,
  watchStatus: (w) =>
    w.state === 'watching'
      ? `正在監視 ${w.folder} 的變更（${w.files} 個檔案，${w.folders} 個資料夾）` +
        (w.unwatchedFolders > 0 ? `；${w.unwatchedFolders} 個資料夾無法監視（重新啟動後才能看到其中的變更）` : '')
      : w.state === 'missing'
        ? `${w.folder} 不見了；仍在使用上次的文件，等待它恢復`
        : w.state === 'starting'
          ? `正在開始監視 ${w.folder}`
          : `沒有在監視 ${w.folder}`,
  notYourButton: '只有執行這個指令的人才能使用這些按鈕。你可以自己執行指令。',
  invalidButton: '這個按鈕無效，請重新執行指令。',
  unknownCommand: '這個機器人沒有這個指令（可能已改名或移除）。輸入 / 查看它的指令。',
  unexpectedForm: '機器人沒有要求這個表單，請重新執行指令。',
  cooldown: (seconds) => `你操作得有點快了，請 ${seconds} 秒後再試。`,
  somethingWentWrong: '回答時出了點問題，已經記錄下來了，請再試一次。',
  expired: '這些按鈕已過期，請重新執行指令。',
  shuttingDown: '機器人正在重新啟動，請稍後再試。',
  consoleBanner: '答疑臺主控臺。輸入 /help 查看指令，輸入數字按下按鈕，輸入 /quit 離開。',
  consoleHelp: [
    '/ask <問題>          引用能回答問題的原文片段（直接輸入文字也可以）',
    '/summary <章節>      章節摘要（按 Tab 補全）',
    '/sections [文件]     文件列表，或某份文件的目錄',
    '/about               已載入的內容',
    '<數字>               按下上一則回覆下方的按鈕',
    '/quit                離開',
  ],
  consolePick: (count) => `輸入 1–${count} 進行選擇。`,
  consoleNoSuchChoice: '上一則回覆下沒有這個選項。',
  consoleUnknownCommand: (name) => `未知指令 ${name}。輸入 /help 查看說明。`,
};

const TABLES: Record<LocaleKey, Messages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/**
 * The locale table for a Discord locale ("zh-CN", "en-US") or a POSIX one ("zh_TW.UTF-8").
 * Traditional for Taiwan, Hong Kong and Macau and for explicit Hant; Simplified for other Chinese.
 */
export function localeKeyOf(locale: string | undefined): LocaleKey {
  const normalized = (locale ?? '').replace('_', '-').toLowerCase();
  if (!normalized.startsWith('zh')) return 'en';
  return /^zh-(tw|hk|mo|hant)/.test(normalized) ? 'zh-TW' : 'zh-CN';
}

export function messagesFor(locale: string | undefined): Messages {
  return TABLES[localeKeyOf(locale)];
}
