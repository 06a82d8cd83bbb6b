/**
 * Every Discord platform limit the bot relies on, in one place (see ../shared/notes/discord.md).
 * Lengths are Unicode code points, as Discord counts them.
 */

export const DISCORD_LIMITS = {
  /** First response to an interaction, else the token dies (error 10062). */
  interactionResponseMs: 3_000,
  /** Follow-ups and edits with an interaction token. */
  interactionTokenMs: 15 * 60 * 1_000,

  messageContent: 2_000,

  embedTitle: 256,
  embedDescription: 4_096,
  embedFieldName: 256,
  embedFieldValue: 1_024,
  embedFooter: 2_048,
  embedAuthorName: 256,
  embedFields: 25,
  /** Summed over every embed of one message. */
  embedsTotalCharacters: 6_000,
  embedsPerMessage: 10,

  customId: 100,
  buttonLabel: 80,
  actionRows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,

  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,

  commandName: 32,
  commandDescription: 100,
  stringOptionMaxLength: 6_000,
} as const;

/** Message flag bits used on replies. */
export const MESSAGE_FLAGS = {
  /** Link previews off: quoted documents may contain URLs. */
  suppressEmbeds: 1 << 2,
  /** Only the invoker sees the reply; cannot be changed after sending. */
  ephemeral: 1 << 6,
} as const;

/**
 * How long a handler may work before the bot defers. Well under the 3 s deadline so that the
 * deferral itself still arrives in time on a slow connection.
 */
export const DEFER_AFTER_MS = 1_500;

/** How long a stop waits for the replies in flight before it closes the connection anyway. */
export const DRAIN_MS = 10_000;

/**
 * A command that arrives while the first documents load is deferred at once and answered when
 * they are in. Its deferred reply shows how far the loading has got after `noticeAfterMs` (a short
 * load never shows it), refreshed at most every `noticeEveryMs` while the count moves. Discord
 * takes edits for 15 minutes after the interaction: a minute before that the reply gives up and
 * says to ask again. When the bot is stopped meanwhile, the command waits `afterStopMs` more and
 * then says the bot is restarting: under the DRAIN_MS (10 s) the stop waits for replies in flight, so it is
 * told rather than dropped.
 */
export const LOADING_WAIT: LoadingWait = { noticeAfterMs: 5_000, noticeEveryMs: 30_000, giveUpAfterMs: 14 * 60_000, afterStopMs: 8_000 };

export interface LoadingWait {
  noticeAfterMs: number;
  noticeEveryMs: number;
  giveUpAfterMs: number;
  afterStopMs: number;
}

/** Autocomplete limits in the shape the suggestion code takes. */
export const AUTOCOMPLETE_LIMITS = {
  count: DISCORD_LIMITS.autocompleteChoices,
  nameLength: DISCORD_LIMITS.choiceName,
  valueLength: DISCORD_LIMITS.choiceValue,
} as const;
