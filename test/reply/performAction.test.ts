import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/reply/composeAnswer.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { actionHides, performAction, pickFromMenu, placementOf } from '../../src/reply/performAction.ts';
import type { ReplyAction } from '../../src/reply/model.ts';
import { sampleDesk } from './fakeDesk.ts';

const en = messagesFor('en');

async function actionOf(kind: ReplyAction['kind'], hidden: boolean): Promise<ReplyAction> {
  const reply = await answerQuestion(sampleDesk(), { query: '大模型', offset: 0, hidden, mention: '123456789012345678' }, en);
  const action = reply.actions.find((candidate) => candidate.kind === kind);
  if (action === undefined) throw new Error(`no ${kind} action`);
  return action;
}

describe('button actions', () => {
  it('More replaces the message with the next page, keeping hide and mention', async () => {
    const result = await performAction(sampleDesk(), await actionOf('more', true), en);
    expect(result.placement).toBe('replace');
    expect(result.reply).toMatchObject({ hidden: true, mention: '123456789012345678', title: 'Results for “大模型” (4–4 of 4)' });
  });

  it('Summary answers with a new message showing that result’s section', async () => {
    const result = await performAction(sampleDesk(), await actionOf('summary', false), en);
    expect(result.placement).toBe('new');
    expect(result.reply.title).toBe('模型指南');
  });

  it('Send in chat posts the same page publicly as a new message', async () => {
    const action = await actionOf('share', true);
    expect(actionHides(action)).toBe(false);
    const result = await performAction(sampleDesk(), action, en);
    expect(result).toMatchObject({ placement: 'new', reply: { hidden: false, mention: '123456789012345678' } });
    expect(result.reply.actions.some((candidate) => candidate.kind === 'share')).toBe(false);
    expect(result.reply.quotes).toHaveLength(3);
  });

  it('a section picked from a hidden "did you mean" replaces the miss; from a public question it is posted', async () => {
    const menu = { placeholder: 'p', hidden: true, options: [{ label: '部署', sectionId: 'a:5' }] };
    expect(await pickFromMenu(sampleDesk(), menu, 'a:5', en)).toMatchObject({ placement: 'replace', reply: { hidden: true, title: '模型指南 › 部署' } });
    expect((await pickFromMenu(sampleDesk(), { ...menu, hidden: false }, 'a:5', en)).placement).toBe('new');
  });

  it('knows each action’s placement before running it', async () => {
    expect(placementOf(await actionOf('more', false))).toBe('replace');
    expect(placementOf(await actionOf('summary', false))).toBe('new');
    expect(placementOf(await actionOf('share', true))).toBe('new');
  });
});
