/**
 * Discord API objects as the real gateway sends them (v10 JSON): users, the test guild, messages
 * and every kind of interaction the bot handles. Only what discord.js reads is filled in.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake for now: discord.js derives timestamps (createdAt) from it. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface TestUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: '0';
  avatar: null;
  bot?: boolean;
}

export function testUser(id: string, username: string, bot = false): TestUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null, ...(bot ? { bot: true } : {}) };
}

export interface TestWorld {
  applicationId: string;
  guildId: string;
  channelId: string;
  botUser: TestUser;
}

/** Permissions a member usually has in a text channel (view, send, embed, read history, slash commands). */
const MEMBER_PERMISSIONS = '2248473465835073';

export function guildCreate(world: TestWorld): Record<string, unknown> {
  return {
    id: world.guildId,
    name: 'Answer desk test server',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: '100000000000000001',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: world.guildId, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    max_video_channel_users: 25,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    channels: [
      { id: world.channelId, type: 0, guild_id: world.guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0 },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

export interface TestMessage {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  author: TestUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: false;
  mention_everyone: false;
  mentions: [];
  mention_roles: [];
  attachments: [];
  embeds: unknown[];
  pinned: false;
  flags: number;
  components: unknown[];
  application_id?: string;
  webhook_id?: string;
}

export function messageObject(world: TestWorld, fields: { author: TestUser; content?: string; components?: unknown[]; flags?: number; embeds?: unknown[]; fromInteraction?: boolean }): TestMessage {
  return {
    id: snowflake(),
    type: fields.fromInteraction ? 20 : 0,
    channel_id: world.channelId,
    guild_id: world.guildId,
    author: fields.author,
    content: fields.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: fields.embeds ?? [],
    pinned: false,
    flags: fields.flags ?? 0,
    components: fields.components ?? [],
    ...(fields.fromInteraction ? { application_id: world.applicationId, webhook_id: world.applicationId } : {}),
  };
}

export interface InteractionEnvelope {
  user: TestUser;
  locale?: string;
}

/** What every interaction carries; `token` is filled in by the emulator when it is sent. */
function baseInteraction(world: TestWorld, type: number, envelope: InteractionEnvelope): Record<string, unknown> {
  return {
    id: snowflake(),
    application_id: world.applicationId,
    type,
    version: 1,
    guild_id: world.guildId,
    channel_id: world.channelId,
    channel: { id: world.channelId, type: 0, guild_id: world.guildId, name: 'general', permissions: MEMBER_PERMISSIONS, nsfw: false, parent_id: null, position: 0 },
    member: {
      user: envelope.user,
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      permissions: MEMBER_PERMISSIONS,
    },
    app_permissions: MEMBER_PERMISSIONS,
    locale: envelope.locale ?? 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': world.guildId },
    context: 0,
    attachment_size_limit: 26_214_400,
  };
}

export type CommandOptionInput = { name: string; type: number; value: string | boolean; focused?: boolean };

export function chatInputInteraction(
  world: TestWorld,
  envelope: InteractionEnvelope,
  name: string,
  options: CommandOptionInput[] = [],
  resolvedUsers: TestUser[] = [],
): Record<string, unknown> {
  const resolved =
    resolvedUsers.length === 0
      ? undefined
      : {
          users: Object.fromEntries(resolvedUsers.map((user) => [user.id, user])),
          members: Object.fromEntries(
            resolvedUsers.map((user) => [user.id, { roles: [], joined_at: new Date().toISOString(), flags: 0, pending: false, nick: null, avatar: null, permissions: MEMBER_PERMISSIONS }]),
          ),
        };
  return {
    ...baseInteraction(world, 2, envelope),
    data: { id: snowflake(), name, type: 1, guild_id: world.guildId, options, ...(resolved ? { resolved } : {}) },
  };
}

export function autocompleteInteraction(world: TestWorld, envelope: InteractionEnvelope, name: string, options: CommandOptionInput[]): Record<string, unknown> {
  return { ...baseInteraction(world, 4, envelope), data: { id: snowflake(), name, type: 1, guild_id: world.guildId, options } };
}

export function buttonInteraction(world: TestWorld, envelope: InteractionEnvelope, message: TestMessage, customId: string): Record<string, unknown> {
  return { ...baseInteraction(world, 3, envelope), message, data: { custom_id: customId, component_type: 2 } };
}

export function selectInteraction(world: TestWorld, envelope: InteractionEnvelope, message: TestMessage, customId: string, values: string[]): Record<string, unknown> {
  return { ...baseInteraction(world, 3, envelope), message, data: { custom_id: customId, component_type: 3, values } };
}

export function messageContextInteraction(world: TestWorld, envelope: InteractionEnvelope, name: string, target: TestMessage): Record<string, unknown> {
  return {
    ...baseInteraction(world, 2, envelope),
    data: { id: snowflake(), name, type: 3, guild_id: world.guildId, target_id: target.id, resolved: { messages: { [target.id]: target } } },
  };
}

export function userContextInteraction(world: TestWorld, envelope: InteractionEnvelope, name: string, target: TestUser): Record<string, unknown> {
  return {
    ...baseInteraction(world, 2, envelope),
    data: { id: snowflake(), name, type: 2, guild_id: world.guildId, target_id: target.id, resolved: { users: { [target.id]: target } } },
  };
}

/** A modal submit: the bot opens no modals, so any such interaction is one it did not ask for. */
export function modalSubmitInteraction(world: TestWorld, envelope: InteractionEnvelope, customId: string, fields: Record<string, string>): Record<string, unknown> {
  const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
  return { ...baseInteraction(world, 5, envelope), data: { custom_id: customId, components } };
}
