/**
 * The HTTP adapter's Responder. The interaction's answer (types 4, 5, 6, 7, 8) is the body of the
 * HTTP response to Discord's POST; everything after it (the edit of a deferred reply, a follow-up)
 * goes to Discord's REST API under the interaction's token, which needs no bot token.
 */
import { InteractionResponseType, MessageFlags, REST, Routes } from 'discord.js';
import type { AnswerState, Responder } from '../discord/interactionPort.ts';
import type { DiscordMessage } from '../discord/renderDiscordReply.ts';
import { apiMessageBody, editPayload, newMessagePayload, retryOnceOnReset, type ApiMessageBody } from '../discord/respond.ts';
import type { Choice } from '../reply/suggestions.ts';

/** Discord's interaction callback types, by the names this adapter uses. */
export const CALLBACK = {
  pong: InteractionResponseType.Pong,
  message: InteractionResponseType.ChannelMessageWithSource,
  deferredMessage: InteractionResponseType.DeferredChannelMessageWithSource,
  deferredUpdate: InteractionResponseType.DeferredMessageUpdate,
  updateMessage: InteractionResponseType.UpdateMessage,
  autocomplete: InteractionResponseType.ApplicationCommandAutocompleteResult,
} as const;

export type InteractionResponse =
  | { type: typeof CALLBACK.pong }
  | { type: typeof CALLBACK.message | typeof CALLBACK.updateMessage; data: ApiMessageBody }
  | { type: typeof CALLBACK.deferredMessage; data: { flags: number } }
  | { type: typeof CALLBACK.deferredUpdate }
  | { type: typeof CALLBACK.autocomplete; data: { choices: Choice[] } };

/** Writes the HTTP response; resolves once it is sent, so that edits come after it. */
export type SendAnswer = (response: InteractionResponse) => Promise<void>;

/** A REST client for webhook calls: no token, interaction tokens authorize them. */
export function webhookRest(restApi: string | undefined): REST {
  return new REST(restApi === undefined ? {} : { api: restApi });
}

export class HttpResponder implements Responder {
  private answered: AnswerState = 'fresh';

  constructor(
    private readonly send: SendAnswer,
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
  ) {}

  state(): AnswerState {
    return this.answered;
  }

  private answer(response: InteractionResponse, state: AnswerState): Promise<void> {
    if (this.answered !== 'fresh') throw new Error('the interaction was already answered');
    this.answered = state;
    return this.send(response);
  }

  reply(message: DiscordMessage): Promise<void> {
    return this.answer({ type: CALLBACK.message, data: apiMessageBody(newMessagePayload(message)) }, 'replied');
  }

  deferReply(hidden: boolean): Promise<void> {
    return this.answer({ type: CALLBACK.deferredMessage, data: { flags: hidden ? MessageFlags.Ephemeral : 0 } }, 'deferred');
  }

  update(message: DiscordMessage): Promise<void> {
    return this.answer({ type: CALLBACK.updateMessage, data: apiMessageBody(editPayload(message)) }, 'replied');
  }

  deferUpdate(): Promise<void> {
    return this.answer({ type: CALLBACK.deferredUpdate }, 'deferred');
  }

  choices(choices: readonly Choice[]): Promise<void> {
    return this.answer({ type: CALLBACK.autocomplete, data: { choices: [...choices] } }, 'replied');
  }

  async editOriginal(message: DiscordMessage): Promise<void> {
    const body = apiMessageBody(editPayload(message));
    await retryOnceOnReset(() => this.rest.patch(Routes.webhookMessage(this.applicationId, this.token, '@original'), { body, auth: false }));
  }

  async deleteOriginal(): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(this.applicationId, this.token, '@original'), { auth: false });
  }

  async followUp(message: DiscordMessage): Promise<void> {
    await this.rest.post(Routes.webhook(this.applicationId, this.token), { body: apiMessageBody(newMessagePayload(message)), auth: false });
  }
}
