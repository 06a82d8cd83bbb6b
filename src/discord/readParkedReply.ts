/**
 * A parked reply read back from the state store, checked field by field. After a restart or on
 * another replica the JSON comes from a file or Redis: it may predate this version of the bot or
 * have been edited, and a wrong shape must end as "this button expired", never as a crash or as
 * an action the bot never offered.
 */
import type { AskSubject, FollowUpContext, OutlineSubject, ReplyAction, ReplyMenu, SummarySubject } from '../reply/model.ts';
import type { ParkedReply } from './renderDiscordReply.ts';

type Fields = Record<string, unknown>;

const SNOWFLAKE = /^\d{1,20}$/;

function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isOptional = <T>(value: unknown, check: (value: unknown) => value is T): value is T | undefined => value === undefined || check(value);
const isUserId = (value: unknown): value is string => isString(value) && SNOWFLAKE.test(value);

function readAsk(fields: Fields): AskSubject | undefined {
  return fields.kind === 'ask' && isString(fields.query) && isCount(fields.offset) ? { kind: 'ask', query: fields.query, offset: fields.offset } : undefined;
}

function readSummary(fields: Fields): SummarySubject | undefined {
  return fields.kind === 'summary' && isString(fields.sectionId) ? { kind: 'summary', sectionId: fields.sectionId } : undefined;
}

function readOutline(fields: Fields): OutlineSubject | undefined {
  if (fields.kind !== 'outline' || !isCount(fields.page) || !isOptional(fields.document, isString)) return undefined;
  return { kind: 'outline', page: fields.page, ...(fields.document === undefined ? {} : { document: fields.document }) };
}

function readFollowUp(fields: Fields): FollowUpContext | undefined {
  if (typeof fields.hidden !== 'boolean' || !isOptional(fields.mention, isUserId)) return undefined;
  return { hidden: fields.hidden, ...(fields.mention === undefined ? {} : { mention: fields.mention }) };
}

function readAction(value: unknown): ReplyAction | undefined {
  const fields = fieldsOf(value);
  const subject = fieldsOf(fields?.subject);
  if (fields === undefined || subject === undefined || !isString(fields.label)) return undefined;
  const label = fields.label;
  if (fields.kind === 'share') {
    const shared = readAsk(subject) ?? readSummary(subject);
    if (shared === undefined || !isOptional(fields.mention, isUserId)) return undefined;
    return { kind: 'share', label, subject: shared, ...(fields.mention === undefined ? {} : { mention: fields.mention }) };
  }
  const context = readFollowUp(fields);
  if (context === undefined) return undefined;
  if (fields.kind === 'more') {
    const ask = readAsk(subject);
    return ask === undefined ? undefined : { kind: 'more', label, subject: ask, ...context };
  }
  if (fields.kind === 'summary') {
    const summary = readSummary(subject);
    return summary === undefined ? undefined : { kind: 'summary', label, subject: summary, ...context };
  }
  if (fields.kind === 'page') {
    const outline = readOutline(subject);
    return outline === undefined ? undefined : { kind: 'page', label, subject: outline, ...context };
  }
  return undefined;
}

function readMenu(value: unknown): ReplyMenu | undefined {
  const fields = fieldsOf(value);
  if (fields === undefined || !isString(fields.placeholder) || !Array.isArray(fields.options)) return undefined;
  const context = readFollowUp(fields);
  const options: ReplyMenu['options'] = [];
  for (const option of fields.options) {
    const entry = fieldsOf(option);
    if (entry === undefined || !isString(entry.label) || !isString(entry.sectionId) || !isOptional(entry.description, isString)) return undefined;
    options.push({ label: entry.label, sectionId: entry.sectionId, ...(entry.description === undefined ? {} : { description: entry.description }) });
  }
  return context === undefined ? undefined : { placeholder: fields.placeholder, options, ...context };
}

/** The parked reply in json, or undefined when any part of it is not the shape the bot writes. */
export function readParkedReply(json: unknown): ParkedReply | undefined {
  const fields = fieldsOf(json);
  if (fields === undefined || !isUserId(fields.owner) || !Array.isArray(fields.actions)) return undefined;
  const actions: ReplyAction[] = [];
  for (const value of fields.actions) {
    const action = readAction(value);
    if (action === undefined) return undefined;
    actions.push(action);
  }
  if (fields.menu === undefined) return { owner: fields.owner, actions };
  const menu = readMenu(fields.menu);
  return menu === undefined ? undefined : { owner: fields.owner, actions, menu };
}
