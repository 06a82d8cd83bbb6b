import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskLookupError, openAnswerDesk, type AnswerDesk } from '../../src/desk/answerDesk.ts';
import { openDeskInWorker, type WorkerDesk } from '../../src/desk/workerDesk.ts';
import { answerTo, ScriptedWorker } from './scriptedWorker.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');

let inWorker: WorkerDesk;
let inProcess: AnswerDesk;
beforeAll(async () => {
  [inWorker, inProcess] = await Promise.all([openDeskInWorker({ seedsDir: SEEDS }), openAnswerDesk({ seedsDir: SEEDS })]);
});
afterAll(async () => {
  await inWorker.close();
});

describe('a desk served from a worker thread', () => {
  it('answers a search as the desk in this thread does', async () => {
    const answer = await inWorker.search('大模型需要多少计算资源', { top: 3 });
    const expected = inProcess.search('大模型需要多少计算资源', { top: 3 });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results).toEqual(expected.results);
    expect(answer.total).toBe(expected.total);
  });

  it('answers outlines, summaries, documents, questions and statistics alike', async () => {
    expect(await inWorker.outline()).toEqual(inProcess.outline());
    const sectionId = inProcess.outline()[1].sectionId;
    expect(await inWorker.summaryById(sectionId)).toEqual(inProcess.summaryById(sectionId));
    expect(await inWorker.summaryById('no-such-section')).toBeUndefined();
    expect(await inWorker.documents()).toEqual(inProcess.documents());
    expect(await inWorker.faq()).toEqual(inProcess.faq());
    expect(await inWorker.suggestSections('背景', 5)).toEqual(inProcess.suggestSections('背景', 5));
    expect((await inWorker.stats()).documents).toBe(5);
    expect((await inWorker.stats()).builtAt).toBeInstanceOf(Date);
    expect(inWorker.problems).toEqual(inProcess.problems);
  });

  it('hands out copies: a caller sorting a list does not change the next answer', async () => {
    const first = await inWorker.documents();
    first.reverse();
    expect(await inWorker.documents()).toEqual(inProcess.documents());
  });

  it('fails with a lookup error of the same kind for an unknown document', async () => {
    await expect(inWorker.outline('no-such-document.md')).rejects.toThrow(DeskLookupError);
    await expect(inWorker.outline('no-such-document.md')).rejects.toThrow(/No document "no-such-document.md"/);
  });

  it('refuses calls plainly once closed', async () => {
    const desk = await openDeskInWorker({ seedsDir: SEEDS });
    await desk.close();
    await expect(desk.search('大模型')).rejects.toThrow(/closed/);
  });
});

describe('a call into the worker', () => {
  it('does not hold the event loop: a timer set after a search fires while the worker still holds it', async () => {
    const scripted = new ScriptedWorker();
    const events: string[] = [];
    const search = scripted.desk.search('大模型').then((answer) => events.push(`answer to ${answer.query}`));
    const request = await scripted.nextRequest();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    events.push('timer');
    scripted.answer(request, answerTo('大模型'));
    await search;
    expect(events).toEqual(['timer', 'answer to 大模型']);
    await scripted.desk.close();
  });

  it('matches answers to calls by id, whatever order they come back in', async () => {
    const scripted = new ScriptedWorker();
    const first = scripted.desk.search('first');
    const second = scripted.desk.search('second');
    const [firstRequest, secondRequest] = [await scripted.nextRequest(), await scripted.nextRequest()];
    scripted.answer(secondRequest, answerTo('second'));
    expect((await second).query).toBe('second');
    scripted.answer(firstRequest, answerTo('first'));
    expect((await first).query).toBe('first');
    await scripted.desk.close();
  });

  it('fails plainly, and at once, when the worker dies with the call in flight', async () => {
    const scripted = new ScriptedWorker();
    const search = scripted.desk.search('大模型');
    await scripted.nextRequest();
    scripted.die();
    await expect(search).rejects.toThrow('the desk worker exited (code 3)');
    expect(scripted.lost).toEqual(['the desk worker exited (code 3)']);
    await expect(scripted.desk.stats()).rejects.toThrow('the desk worker exited (code 3)');
  });

  it('fails plainly when the worker does not answer within the call timeout, and ignores the late answer', async () => {
    const scripted = new ScriptedWorker(50);
    const search = scripted.desk.search('stuck');
    const request = await scripted.nextRequest();
    await expect(search).rejects.toThrow('the desk worker did not answer search within 50 ms');
    scripted.answer(request, answerTo('stuck'));
    const next = scripted.desk.search('next');
    scripted.answer(await scripted.nextRequest(), answerTo('next'));
    expect((await next).query).toBe('next');
    await scripted.desk.close();
  });

  it('is answered before a close stops the worker; calls after the close are refused', async () => {
    const scripted = new ScriptedWorker();
    const search = scripted.desk.search('in flight');
    const request = await scripted.nextRequest();
    let closed = false;
    const closing = scripted.desk.close().then(() => (closed = true));
    await expect(scripted.desk.search('late')).rejects.toThrow('this desk was closed (a newer one is serving)');
    expect(closed).toBe(false);
    scripted.answer(request, answerTo('in flight'));
    expect((await search).query).toBe('in flight');
    await closing;
    expect(scripted.lost).toEqual([]);
  });

  it('fetches what takes no arguments once, and asks again after a failure', async () => {
    const scripted = new ScriptedWorker(50);
    await expect(scripted.desk.faq()).rejects.toThrow('did not answer faq');
    await scripted.nextRequest();
    const faq = scripted.desk.faq();
    scripted.answer(await scripted.nextRequest(), [{ question: '问？', doc: 'a.md', sectionId: 'a:1', line: 1 }]);
    expect(await faq).toHaveLength(1);
    expect(await scripted.desk.faq()).toHaveLength(1);
    await scripted.desk.close();
  });
});
