import type { Button, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { plain, rawButton, type ButtonLook } from './kit/blocks.js';
import { LIMITS } from './kit/limits.js';
import {
  actionStatusValueSchema,
  logActionValueSchema,
  viewRefSchema,
  type ActionStatusValue,
  type LogActionValue,
  type ViewRef,
} from './values.js';

/**
 * The single source of truth for Slack identifiers: the slash command, every action_id with the
 * zod schema of the value its elements carry, callback_ids and block_ids. Builders can only make
 * buttons and options through these definitions, so a button always has a listener (the routing
 * test checks the listeners) and always carries a value that listener can decode: the compiler
 * checks what a forged or outdated payload cannot break. manifest.yml names the same command.
 */
export const SLASH_COMMAND = '/journey';

/** An action with the value its buttons carry, as compact JSON. */
export interface ActionDef<V> {
  readonly id: string;
  button(input: ButtonLook & { value: V }): Button;
  /** A static-select option whose selection sends this action with `value`. */
  option(text: string, value: V): PlainTextOption;
  encode(value: V): string;
  /** The value of a pressed element, or null when it is not JSON of the right shape (forged, or from an old message). */
  decode(raw: string | null | undefined): V | null;
}

/**
 * Action ids must be unique within a block, so a row of similar buttons (one per period, one per
 * journey) gets one id each: `<prefix>:<suffix>`. One listener answers them all by pattern.
 */
export interface SuffixedActionDef<V> extends Omit<ActionDef<V>, 'button' | 'option'> {
  readonly pattern: RegExp;
  button(suffix: string, input: ButtonLook & { value: V }): Button;
}

function codec<V>(schema: z.ZodType<V>): Pick<ActionDef<V>, 'encode' | 'decode'> {
  return {
    // Checked against the schema so a builder can never render a value its listener would refuse.
    encode: (value) => {
      schema.parse(value);
      return JSON.stringify(value);
    },
    decode: (raw) => {
      if (typeof raw !== 'string' || raw.length === 0 || raw.length > LIMITS.buttonValue) return null;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return null;
      }
      const parsed = schema.safeParse(json);
      return parsed.success ? parsed.data : null;
    },
  };
}

export function defineAction<V>(id: string, schema: z.ZodType<V>): ActionDef<V> {
  const { encode, decode } = codec(schema);
  return {
    id,
    encode,
    decode,
    button: ({ value, ...look }) => rawButton({ ...look, actionId: id, value: encode(value) }),
    option: (text, value) => ({ text: plain(text, 75), value: encode(value) }),
  };
}

export function defineSuffixedAction<V>(prefix: string, schema: z.ZodType<V>): SuffixedActionDef<V> {
  const { encode, decode } = codec(schema);
  return {
    id: prefix,
    pattern: new RegExp(`^${prefix}(:|$)`),
    encode,
    decode,
    button: (suffix, { value, ...look }) => rawButton({ ...look, actionId: `${prefix}:${suffix}`, value: encode(value) }),
  };
}

const id = z.number().int().positive().max(2_147_483_647);
/** Buttons that need nothing but their own id (the listener knows what to do). */
const noValue = z.object({}).strict();
const incidentValue = z.object({ i: id });
const journeyValue = z.object({ j: id });
/** A theme's comments: scope (journey, touchpoint or null for the journey), period spec, the theme's terms, its label, offset. */
const themeQuotesValue = z.object({
  j: id,
  t: id.nullable(),
  p: z.string().min(1).max(32),
  k: z.array(z.string().min(1).max(80)).min(1).max(12),
  l: z.string().min(1).max(80),
  o: z.number().int().min(0).max(1000),
});
export type ThemeQuotesValue = z.infer<typeof themeQuotesValue>;

/** Every interactive element the app renders in messages, App Home and modals (outside input blocks). */
export const Actions = {
  /** Link-style buttons still send block_actions; this one only acks. */
  noop: defineAction('jp_noop', noValue),
  journeyOpen: defineAction<ViewRef>('jp_journey_open', viewRefSchema),
  journeyPeriod: defineSuffixedAction<ViewRef>('jp_journey_period', viewRefSchema),
  journeyShare: defineAction<ViewRef>('jp_journey_share', viewRefSchema),
  journeyLogAction: defineAction<LogActionValue>('jp_journey_log_action', logActionValueSchema),
  /** The touchpoint picker under a journey view (a static select whose options carry a view). */
  journeyViewTouchpoint: defineAction<ViewRef>('jp_journey_view_touchpoint', viewRefSchema),
  actionStart: defineAction<ActionStatusValue>('jp_action_start', actionStatusValueSchema),
  actionComplete: defineAction<ActionStatusValue>('jp_action_complete', actionStatusValueSchema),
  actionReopen: defineAction<ActionStatusValue>('jp_action_reopen', actionStatusValueSchema),
  homeRefresh: defineAction('jp_home_refresh', noValue),
  /** A journey (or a Needs-attention item) on App Home: opens the journey view in a modal. */
  homeOpenJourney: defineSuffixedAction<ViewRef>('jp_home_open_journey', viewRefSchema),
  /** App Home's period switch: publishes Home again for that period. */
  homePeriod: defineSuffixedAction<ViewRef>('jp_home_period', viewRefSchema),
  /** App Home's Log action: opens the Log action modal. */
  homeLogAction: defineAction('jp_home_log_action', noValue),
  digestOpenJourney: defineSuffixedAction('jp_digest_open_journey', journeyValue),
  digestLogAction: defineAction('jp_digest_log_action', noValue),
  alertAcknowledge: defineAction('jp_alert_ack', incidentValue),
  alertSnooze24h: defineAction('jp_alert_snooze_24h', incidentValue),
  alertSnooze7d: defineAction('jp_alert_snooze_7d', incidentValue),
  alertLogAction: defineAction('jp_alert_log_action', incidentValue),
  alertViewJourney: defineAction('jp_alert_view_journey', incidentValue),
  themeQuotes: defineAction('jp_theme_quotes', themeQuotesValue),
} as const;

/**
 * Elements inside modal input blocks: they send no block_actions (their values arrive with
 * view_submission and are read by block_id + action_id), except the touchpoint picker, which
 * loads its options through block_suggestion when there are more than 100 touchpoints.
 */
export const InputId = {
  logTouchpointSelect: 'jp_log_touchpoint',
  logDescriptionInput: 'jp_log_description',
  logOwnerSelect: 'jp_log_owner',
  logDueDate: 'jp_log_due',
} as const;

type ActionKey = keyof typeof Actions;
/** Every action_id (prefixes for the suffixed ones), by name: for tests, manifests and logs. */
export const ActionId = {
  ...(Object.fromEntries(Object.entries(Actions).map(([name, def]) => [name, def.id])) as Record<ActionKey, string>),
  ...InputId,
} as const;

/** callback_id of every modal the app opens. */
export const CallbackId = {
  logAction: 'jp_log_action_modal',
} as const satisfies Record<string, string>;

/** block_id values handlers read back from view state or block_actions payloads. */
export const BlockId = {
  logTouchpoint: 'jp_log_touchpoint_block',
  logDescription: 'jp_log_description_block',
  logOwner: 'jp_log_owner_block',
  logDue: 'jp_log_due_block',
  alertActions: 'jp_alert_actions',
  digestActions: 'jp_digest_actions',
} as const satisfies Record<string, string>;
