import { openAnswerDesk } from '../src/desk/answerDesk.ts';
let t = performance.now();
const desk = await openAnswerDesk({ seedsDir: process.argv[2], buildThreads: 2 });
console.log('open', (performance.now() - t).toFixed(0));
for (const q of ['GPU', 'GPU', '显卡', '深度学习', '']) { t = performance.now(); const r = desk.suggestSections(q, 5, { withText: true }); console.log('suggest', q, r.length, (performance.now() - t).toFixed(1)); }
for (const [name, f] of [['faq', () => desk.faq()], ['outline', () => desk.outline()], ['documents', () => desk.documents()]] as const) { t = performance.now(); const r = f(); const c = structuredClone(r); console.log(name, r.length, (performance.now() - t).toFixed(1), JSON.stringify(c).length); }
