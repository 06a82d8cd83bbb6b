/**
 * The question in a chat message, whatever its length: greetings, context and thanks around it
 * are left out before anything else happens to the message (a length cut included).
 *
 * A message is split into sentences; the ones that ask (a question mark, a question word, an
 * A-not-A form such as 会不会) are the question. Inside those, what comes before a frame that
 * announces the question (想问下, 请教一下) is context, and clauses that only greet or thank
 * (大家好, 谢谢各位, hello) are dropped. A message in which nothing asks is searched whole.
 */
import { sentenceSpans, clauseSpans } from '../text/sentences.ts';

/** A sentence that asks: ends with a question mark, or holds a question word or an A-not-A form. */
const ASKS =
  /[?？]["'”’」』）)]*\s*$|什么|什麼|啥|咋|怎么|怎麼|怎样|怎樣|如何|为什么|為什麼|为啥|為啥|干嘛|幹嘛|哪|谁|誰|几|幾|多少|是否|能否|吗|嗎|呢|([\p{Script=Han}])[不没沒]\1|^\s*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|would|will|has|have)\b/iu;

/** Clauses that greet, thank or sign off, and say nothing about what is asked. */
const CHATTER =
  /^\s*(?:(?:大家|各位|你们|您)?(?:好|早|早上好|晚上好|下午好|中午好)(?:呀|啊|哈|鸭)?|(?:hi|hello|hey|嗨|哈喽|哈啰|哈罗|hi all|hello all|hello everyone)(?:\s*(?:大家好|各位|all|everyone|guys))?|(?:大家|各位)(?:早|好)?|(?:先)?(?:谢谢|感谢|多谢|谢过|謝謝|感謝|多謝|thanks|thank you|thx)(?:大家|各位|大佬们?|了|啦|先)?.*|(?:先谢|提前感谢).*|打扰了|打擾了|冒昧(?:问一下|打扰)?|(?:文档|文件|文章|资料|docs?)(?:里|中|上)?(?:面)?(?:有|有没有)?(?:提|说|讲|写)?(?:到|过)?(?:吗|嘛|没|不)?)\s*[\p{P}\p{S}\s]*$/iu;

/** Emoji and tildes typed between chat sentences end a sentence (冒泡😂 想问问…, 各位早～我是…). */
const SYMBOLS = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f～~]+/gu;

/** A frame that announces the question (想问下, 请教一下): what comes before it in the sentence is context. */
const FRAME = /想问|想問|请问|請問|请教|請教|想确认|想確認|想了解|问一下|問一下|问下|問下|求问|求問/u;

function withoutChatter(sentence: string): string {
  // Each clause with what follows it up to the next one (a space after "question:"), as written.
  const spans = clauseSpans(sentence);
  const clauses = spans.map((span, i) => sentence.slice(span.start, spans[i + 1]?.start ?? span.end));
  let from = 0;
  clauses.forEach((clause, i) => {
    if (FRAME.test(clause)) from = i;
  });
  return clauses
    .slice(from)
    .filter((clause) => !CHATTER.test(clause))
    .join('')
    .trim();
}

/** A quotation is one piece of the question that asks about it (“…。”这句话是什么意思？): its stops are masked. */
const QUOTATION = /[“「『"《][^”」』"》]*[”」』"》]/gu;

function withQuotesWhole(text: string): string {
  return text.replace(QUOTATION, (quote) => quote.replace(/[。！？!?；;.…\n]/gu, '，'));
}

/**
 * The part of a message that asks. For a one-sentence question it is the question itself;
 * for "大家好，想请教一下：X会不会Y？谢谢！" it is 想请教一下：X会不会Y？.
 */
export function questionOfMessage(message: string): string {
  const text = message.replace(SYMBOLS, '。').trim();
  const asking = sentenceSpans(withQuotesWhole(text))
    .map((span) => text.slice(span.start, span.end).replace(/^[。\s]+/u, '').trim())
    .filter((sentence) => sentence !== '' && ASKS.test(sentence));
  const chosen = asking.map(withoutChatter).filter((s) => s !== '');
  return chosen.length > 0 ? chosen.join(' ') : message.trim();
}
