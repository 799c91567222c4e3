import { z } from 'zod';
import { ACTION_STATUSES } from '../domain/enums.js';

/**
 * What our buttons and selects carry in `value`, as compact JSON (their actions in ./ids.ts pair
 * each id with its schema). Slack sends values back verbatim, but anyone can forge a payload's
 * value (or press a button on a months-old message), so every value is parsed with these schemas
 * and anything else is refused with a friendly message.
 */

const id = z.number().int().positive().max(2_147_483_647);
const period = z.string().min(1).max(32);

export const viewRefSchema = z.discriminatedUnion('v', [
  z.object({ v: z.literal('list'), p: period }),
  z.object({ v: z.literal('journey'), j: id, p: period }),
  z.object({ v: z.literal('touchpoint'), t: id, p: period }),
]);
export type ViewRef = z.infer<typeof viewRefSchema>;

export const logActionValueSchema = z.object({ t: id.optional(), j: id.optional() });
export type LogActionValue = z.infer<typeof logActionValueSchema>;

/**
 * The `/journey actions …` list a status button sits in. Slack does not send the message back for
 * ephemeral messages, so the button carries what is needed to render that list again, in place.
 */
export const actionsListRefSchema = z.union([
  z.object({ v: z.literal('actions'), f: z.enum(['open', 'done', 'mine', 'all']) }),
  z.object({ v: z.literal('actions'), f: z.literal('touchpoint'), t: id }),
]);
export type ActionsListRef = z.infer<typeof actionsListRefSchema>;

const statusSchema = z.enum(ACTION_STATUSES);
/** `r` is absent on buttons outside a list (App Home) and on messages rendered before it existed. */
export const actionStatusValueSchema = z.object({ a: id, from: statusSchema, r: actionsListRefSchema.optional() });
export type ActionStatusValue = z.infer<typeof actionStatusValueSchema>;

/** private_metadata of the log-action modal: where to confirm once saved. */
export const logModalMetadataSchema = z.object({ c: z.string().max(32).optional(), i: id.optional() });
export type LogModalMetadata = z.infer<typeof logModalMetadataSchema>;

export function encodeModalMetadata(value: LogModalMetadata): string {
  return JSON.stringify(logModalMetadataSchema.parse(value));
}

/** The modal's metadata, or an empty one when it is not ours (private_metadata comes back verbatim, but can be forged). */
export function decodeModalMetadata(text: string | undefined | null): LogModalMetadata {
  if (typeof text !== 'string' || text.length === 0 || text.length > 3000) return {};
  try {
    const parsed = logModalMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
