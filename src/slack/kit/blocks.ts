import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  ContextBlockElement,
  DividerBlock,
  HeaderBlock,
  ImageBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { LIMITS, maxBlocks, type Surface } from './limits.js';

/**
 * Small typed Block Kit helpers. Each one clamps its own inputs to Slack's limits, so builders can
 * pass query results straight in; finalizeMessage() then enforces the message-wide limits.
 * Text given to section/fields/context is mrkdwn: pass user text through escapeText() first.
 */

/** Escapes user text for mrkdwn: Slack treats &, < and > as control characters (https://docs.slack.dev/messaging/formatting-message-text#escaping). */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Shortens to at most `max` characters, ending with "…". Cuts between code points (never inside a
 * surrogate pair) and counts UTF-16 units, which is never fewer than code points, so the result
 * fits whichever way Slack counts. A cut never leaves half an entity (&amp;) or half a link (<url|x>).
 */
export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  if (s.length <= max) return s;
  const budget = max - 1; // room for the ellipsis
  let out = '';
  for (const cp of s) {
    if (out.length + cp.length > budget) break;
    out += cp;
  }
  out = out.replace(/&[a-zA-Z#0-9]*$/, '');
  const open = out.lastIndexOf('<');
  if (open > out.lastIndexOf('>')) out = out.slice(0, open);
  return `${out}…`;
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) || ' ' };
}

export function header(text: string, blockId?: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText), ...withBlockId(blockId) };
}

export function section(text: string, opts: { blockId?: string; accessory?: Button | ImageAccessory } = {}): SectionBlock {
  return { type: 'section', text: mrkdwn(text, LIMITS.sectionText), ...withBlockId(opts.blockId), ...(opts.accessory ? { accessory: opts.accessory } : {}) };
}

/** A section of up to 10 two-column fields; extra fields are folded into the last one's "…and N more". */
export function fields(items: string[], opts: { blockId?: string; text?: string; moreLabel?: (count: number) => string } = {}): SectionBlock {
  let shown = items;
  if (items.length > LIMITS.fieldsPerSection) {
    const rest = items.length - (LIMITS.fieldsPerSection - 1);
    shown = [...items.slice(0, LIMITS.fieldsPerSection - 1), opts.moreLabel ? opts.moreLabel(rest) : `…and ${rest} more`];
  }
  return {
    type: 'section',
    ...(opts.text ? { text: mrkdwn(opts.text) } : {}),
    fields: (shown.length > 0 ? shown : [' ']).map((f) => mrkdwn(f, LIMITS.fieldText)),
    ...withBlockId(opts.blockId),
  };
}

/** Small grey text; up to 10 elements (extra ones are joined into the last). */
export function context(elements: (string | ImageElement)[], blockId?: string): ContextBlock {
  let items = elements;
  if (items.length > LIMITS.contextElements) {
    const tail = items.slice(LIMITS.contextElements - 1).filter((e): e is string => typeof e === 'string');
    items = [...items.slice(0, LIMITS.contextElements - 1), tail.join('  ')];
  }
  const els: ContextBlockElement[] = items.map((e) => (typeof e === 'string' ? mrkdwn(e, LIMITS.contextText) : e));
  return { type: 'context', elements: els.length > 0 ? els : [mrkdwn(' ')], ...withBlockId(blockId) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** Up to 25 interactive elements in a row. */
export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements), ...withBlockId(blockId) };
}

/** How a button looks; its action_id and value come from its action definition (src/slack/ids.ts). */
export interface ButtonLook {
  text: string;
  style?: 'primary' | 'danger';
  url?: string;
  /** Confirmation dialog before the action runs. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export interface ButtonInput extends ButtonLook {
  actionId: string;
  value?: string;
}

/** A button with a raw action_id and value. Builders make buttons through their action (Actions.x.button) instead. */
export function rawButton({ text, actionId, value, style, url, confirm }: ButtonInput): Button {
  if (value !== undefined && value.length > LIMITS.buttonValue) {
    // A cut value would be a different, wrong value: refuse instead (callers pass ids, not data).
    throw new Error(`button value for ${actionId} is ${value.length} characters; Slack allows ${LIMITS.buttonValue}`);
  }
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
    ...(url && url.length <= LIMITS.buttonUrl ? { url } : {}),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title, 100),
            text: plain(confirm.text, 300),
            confirm: plain(confirm.confirm, 30),
            deny: plain(confirm.deny, 30),
          },
        }
      : {}),
  };
}

type ImageAccessory = Extract<NonNullable<SectionBlock['accessory']>, { type: 'image' }>;
type ImageElement = Extract<ContextBlockElement, { type: 'image' }>;

/** An image block from a public URL or from a file uploaded to Slack (`slack_file: { id }`). */
export function image(source: { url: string } | { slackFileId: string }, altText: string, opts: { title?: string; blockId?: string } = {}): ImageBlock {
  const src = 'url' in source ? { image_url: source.url } : { slack_file: { id: source.slackFileId } };
  return {
    type: 'image',
    ...src,
    alt_text: truncate(altText, LIMITS.imageAltText) || 'chart',
    ...(opts.title ? { title: plain(opts.title, LIMITS.imageTitle) } : {}),
    ...withBlockId(opts.blockId),
  };
}

function withBlockId(blockId: string | undefined): { block_id?: string } {
  return blockId ? { block_id: blockId.slice(0, LIMITS.blockId) } : {};
}

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

export interface FinalizeOptions {
  surface?: Surface;
  /** Appended when blocks had to be dropped; localized by the caller. */
  truncatedNote?: string;
}

/**
 * Makes any message valid: clamps each block again (builders may have built blocks by hand), keeps
 * at most 50 blocks (100 in modals and App Home) with a note that the rest was cut, and guarantees
 * a plain-text `text` fallback (notifications, screen readers) of at most 40,000 characters.
 */
export function finalizeMessage(message: { text?: string; blocks: KnownBlock[] }, opts: FinalizeOptions = {}): Message {
  const limit = maxBlocks(opts.surface ?? 'message');
  let blocks = message.blocks.map(clampBlock).filter((b): b is KnownBlock => b !== null);
  if (blocks.length > limit) {
    blocks = [...blocks.slice(0, limit - 1), context([opts.truncatedNote ?? '…'])];
  }
  const fallback = message.text && message.text.trim().length > 0 ? message.text : fallbackText(blocks);
  return { text: truncate(fallback || ' ', LIMITS.messageText), blocks };
}

function fallbackText(blocks: KnownBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    // A header is plain_text (names as typed) but `text` is mrkdwn: escape it on the way over.
    if (b.type === 'header') parts.push(escapeText(b.text.text));
    else if (b.type === 'section' && b.text) parts.push(b.text.type === 'plain_text' ? escapeText(b.text.text) : b.text.text);
    if (parts.length >= 3) break;
  }
  return parts.join('\n');
}

/** Re-applies per-block limits; drops blocks that cannot be made valid (e.g. an empty actions row). */
function clampBlock(block: KnownBlock): KnownBlock | null {
  switch (block.type) {
    case 'header':
      return { ...block, text: plain(block.text.text, LIMITS.headerText) };
    case 'section': {
      const out: SectionBlock = { ...block };
      if (out.text) out.text = out.text.type === 'mrkdwn' ? mrkdwn(out.text.text) : plain(out.text.text);
      if (out.fields) {
        out.fields = out.fields.slice(0, LIMITS.fieldsPerSection).map((f) => (f.type === 'mrkdwn' ? mrkdwn(f.text, LIMITS.fieldText) : plain(f.text, LIMITS.fieldText)));
        if (out.fields.length === 0) delete out.fields;
      }
      if (!out.text && !out.fields) return null;
      return out;
    }
    case 'context': {
      const elements = block.elements.slice(0, LIMITS.contextElements).map((e) => {
        if (e.type === 'mrkdwn') return mrkdwn(e.text, LIMITS.contextText);
        if (e.type === 'plain_text') return plain(e.text, LIMITS.contextText);
        return e;
      });
      return elements.length > 0 ? { ...block, elements } : null;
    }
    case 'actions': {
      const elements = block.elements.slice(0, LIMITS.actionsElements).map((e) => (e.type === 'button' ? { ...e, text: plain(e.text.text, LIMITS.buttonText) } : e));
      return elements.length > 0 ? { ...block, elements } : null;
    }
    case 'image': {
      const img = block as ImageBlock & { image_url?: string };
      if (img.image_url !== undefined && img.image_url.length > LIMITS.imageUrl) return null;
      return { ...block, alt_text: truncate(block.alt_text, LIMITS.imageAltText) || 'image' };
    }
    default:
      return block;
  }
}
