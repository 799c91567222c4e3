import type { ExternalSelect, KnownBlock, ModalView, PlainTextOption as Option, StaticSelect } from '@slack/types';
import { z } from 'zod';
import { normalizeForMatch } from '../../domain/suggest.js';
import { t, type Locale } from '../../i18n/index.js';
import type { TouchpointRef } from '../../domain/model.js';
import { context, plain, section } from '../kit/blocks.js';
import { LIMITS } from '../kit/limits.js';
import { BlockId, CallbackId, InputId } from '../ids.js';
import { MAX_DESCRIPTION_LENGTH } from '../listeners/commands/parse.js';
import { encodeModalMetadata, type LogModalMetadata } from '../values.js';

/**
 * The "Log an action" modal: touchpoint picker (grouped by journey), description, owner, due date.
 * Opened by `/journey log`, the Log action buttons, and by alerts (with an incident id).
 * Submission is handled in ./logActionSubmit.ts.
 */

/** Slack allows 100 options in a static select, counting every group. */
export const MAX_PICKER_OPTIONS = 100;

export interface LogActionPrefill {
  touchpointId?: number;
  description?: string;
  ownerUserId?: string;
  /** YYYY-MM-DD */
  dueDate?: string;
}

export interface LogActionModalInput {
  locale: Locale;
  /** Active touchpoints in journey order (listAllTouchpoints). */
  touchpoints: readonly TouchpointRef[];
  prefill?: LogActionPrefill;
  /** Where to confirm (channel id) and the alert incident the action answers, if any. */
  metadata?: LogModalMetadata;
}

function optionOf(tp: TouchpointRef): Option {
  return { text: plain(`${tp.name} (${tp.key})`, 75), value: String(tp.id) };
}

export interface OptionGroup {
  label: ReturnType<typeof plain>;
  options: Option[];
}

/**
 * Touchpoints as option groups (one per journey), at most 100 options in all. With a query (typed
 * into an external select), only touchpoints whose name or key, or whose journey's name or key,
 * contain it (NFKC, case-insensitive) are offered. `always` is kept even past the cut (a prefill).
 */
export function touchpointOptionGroups(touchpoints: readonly TouchpointRef[], query = '', always?: TouchpointRef): OptionGroup[] {
  const q = normalizeForMatch(query);
  const matches = (tp: TouchpointRef) => q === '' || [tp.name, tp.key, tp.journeyName, tp.journeyKey].some((x) => normalizeForMatch(x).includes(q));
  let shown = touchpoints.filter(matches).slice(0, MAX_PICKER_OPTIONS);
  if (always && !shown.includes(always)) shown = [...shown.slice(0, MAX_PICKER_OPTIONS - 1), always];
  const groups = new Map<number, OptionGroup>();
  for (const tp of shown) {
    const group = groups.get(tp.journeyId) ?? { label: plain(tp.journeyName, 75), options: [] };
    group.options.push(optionOf(tp));
    groups.set(tp.journeyId, group);
  }
  return [...groups.values()];
}

export function buildLogActionModal(input: LogActionModalInput): ModalView {
  const { locale, prefill = {} } = input;
  const chosen = input.touchpoints.find((tp) => tp.id === prefill.touchpointId);
  const title = (key: 'journey.modal.title' | 'journey.modal.submit' | 'journey.modal.close') => plain(t(locale, key), LIMITS.viewTitle);

  const blocks: KnownBlock[] = [];
  if (input.touchpoints.length === 0) {
    blocks.push(section(t(locale, 'journey.modal.noTouchpoints')));
    return { type: 'modal', callback_id: CallbackId.logAction, title: title('journey.modal.title'), close: title('journey.modal.close'), blocks };
  }
  const placeholder = plain(t(locale, 'journey.modal.touchpointPlaceholder'), 150);
  // Up to 100 touchpoints fit in a static select. Beyond that the picker loads options as the user
  // types (block_suggestion, answered by registerTouchpointOptions); that needs the manifest's
  // interactivity.message_menu_options_url (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#external_select).
  const select: StaticSelect | ExternalSelect =
    input.touchpoints.length <= MAX_PICKER_OPTIONS
      ? {
          type: 'static_select',
          action_id: InputId.logTouchpointSelect,
          placeholder,
          option_groups: touchpointOptionGroups(input.touchpoints),
          ...(chosen ? { initial_option: optionOf(chosen) } : {}),
        }
      : {
          type: 'external_select',
          action_id: InputId.logTouchpointSelect,
          placeholder,
          min_query_length: 0,
          ...(chosen ? { initial_option: optionOf(chosen) } : {}),
        };
  blocks.push({ type: 'input', block_id: BlockId.logTouchpoint, label: plain(t(locale, 'journey.modal.touchpoint'), 2000), element: select });
  if (select.type === 'external_select') blocks.push(context([t(locale, 'journey.modal.typeToSearch', { count: input.touchpoints.length })]));
  blocks.push(
    {
      type: 'input',
      block_id: BlockId.logDescription,
      label: plain(t(locale, 'journey.modal.description'), 2000),
      element: {
        type: 'plain_text_input',
        action_id: InputId.logDescriptionInput,
        multiline: true,
        max_length: MAX_DESCRIPTION_LENGTH,
        placeholder: plain(t(locale, 'journey.modal.descriptionPlaceholder'), 150),
        ...(prefill.description ? { initial_value: prefill.description.slice(0, MAX_DESCRIPTION_LENGTH) } : {}),
      },
    },
    {
      type: 'input',
      block_id: BlockId.logOwner,
      optional: true,
      label: plain(t(locale, 'journey.modal.owner'), 2000),
      element: { type: 'users_select', action_id: InputId.logOwnerSelect, ...(prefill.ownerUserId ? { initial_user: prefill.ownerUserId } : {}) },
    },
    {
      type: 'input',
      block_id: BlockId.logDue,
      optional: true,
      label: plain(t(locale, 'journey.modal.due'), 2000),
      element: { type: 'datepicker', action_id: InputId.logDueDate, ...(prefill.dueDate ? { initial_date: prefill.dueDate } : {}) },
    },
  );
  return {
    type: 'modal',
    callback_id: CallbackId.logAction,
    title: title('journey.modal.title'),
    submit: title('journey.modal.submit'),
    close: title('journey.modal.close'),
    private_metadata: encodeModalMetadata(input.metadata ?? {}),
    blocks,
  };
}

// ── Submission ──────────────────────────────────────────────────────────────

/** The part of view.state.values the modal reads (anything else is ignored). */
const stateSchema = z.object({
  [BlockId.logTouchpoint]: z.object({ [InputId.logTouchpointSelect]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }).optional(),
  [BlockId.logDescription]: z.object({ [InputId.logDescriptionInput]: z.object({ value: z.string().nullish() }) }).optional(),
  [BlockId.logOwner]: z.object({ [InputId.logOwnerSelect]: z.object({ selected_user: z.string().nullish() }) }).optional(),
  [BlockId.logDue]: z.object({ [InputId.logDueDate]: z.object({ selected_date: z.string().nullish() }) }).optional(),
});

export interface LogActionForm {
  touchpointId: number;
  description: string;
  ownerUserId: string | null;
  dueDate: string | null;
}

export type FormResult = { ok: true; form: LogActionForm } | { ok: false; errors: Record<string, string> };

/**
 * Validates the submitted fields. `today` is the user's local date (YYYY-MM-DD); errors are keyed
 * by block_id, as `response_action: 'errors'` expects, and shown under each field.
 */
export function parseLogActionForm(values: unknown, locale: Locale, today: string): FormResult {
  const parsed = stateSchema.safeParse(values ?? {});
  const state = parsed.success ? parsed.data : {};
  const errors: Record<string, string> = {};
  const tpText = state[BlockId.logTouchpoint]?.[InputId.logTouchpointSelect]?.selected_option?.value ?? '';
  const touchpointId = /^\d{1,9}$/.test(tpText) ? Number(tpText) : NaN;
  if (!Number.isInteger(touchpointId) || touchpointId <= 0) errors[BlockId.logTouchpoint] = t(locale, 'journey.modal.error.touchpoint');
  const description = (state[BlockId.logDescription]?.[InputId.logDescriptionInput]?.value ?? '').trim();
  if (description.length === 0 || description.length > MAX_DESCRIPTION_LENGTH) {
    errors[BlockId.logDescription] = t(locale, 'journey.modal.error.description', { max: MAX_DESCRIPTION_LENGTH });
  }
  const ownerUserId = state[BlockId.logOwner]?.[InputId.logOwnerSelect]?.selected_user ?? null;
  const dueDate = state[BlockId.logDue]?.[InputId.logDueDate]?.selected_date ?? null;
  if (dueDate !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || dueDate < today)) errors[BlockId.logDue] = t(locale, 'journey.modal.error.duePast');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, form: { touchpointId, description, ownerUserId, dueDate } };
}
