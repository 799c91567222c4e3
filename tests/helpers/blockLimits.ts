import type { Button, ImageBlock, KnownBlock } from '@slack/types';
import { LIMITS, maxBlocks, type Surface } from '../../src/slack/kit/limits.js';

/**
 * What Slack would refuse in a message (invalid_blocks), checked independently of the builders:
 * the builders clamp to Slack's limits through src/slack/kit/blocks.ts, and tests use this to
 * prove the result is valid whatever the data.
 */
/** Every limit violation in a list of blocks; empty when Slack would accept them. */
export function validateBlocks(blocks: readonly KnownBlock[], surface: Surface = 'message'): string[] {
  const problems: string[] = [];
  const limit = maxBlocks(surface);
  if (blocks.length > limit) problems.push(`${blocks.length} blocks (max ${limit})`);
  const blockIds = new Set<string>();
  const tooLong = (where: string, s: string, max: number) => {
    if (s.length > max) problems.push(`${where}: ${s.length} characters (max ${max})`);
    if (s.length === 0) problems.push(`${where}: empty text`);
  };
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id !== undefined) {
      if (b.block_id.length > LIMITS.blockId) problems.push(`${at}: block_id too long`);
      if (blockIds.has(b.block_id)) problems.push(`${at}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        if (b.text.type !== 'plain_text') problems.push(`${at}: header text must be plain_text`);
        tooLong(`${at} text`, b.text.text, LIMITS.headerText);
        break;
      case 'section':
        if (!b.text && !b.fields) problems.push(`${at}: needs text or fields`);
        if (b.text) tooLong(`${at} text`, b.text.text, LIMITS.sectionText);
        if (b.fields) {
          if (b.fields.length > LIMITS.fieldsPerSection) problems.push(`${at}: ${b.fields.length} fields (max ${LIMITS.fieldsPerSection})`);
          if (b.fields.length === 0) problems.push(`${at}: empty fields`);
          b.fields.forEach((f, j) => tooLong(`${at} field ${j}`, f.text, LIMITS.fieldText));
        }
        if (b.accessory?.type === 'button') problems.push(...validateButton(`${at} accessory`, b.accessory));
        break;
      case 'context':
        if (b.elements.length === 0 || b.elements.length > LIMITS.contextElements) problems.push(`${at}: ${b.elements.length} elements (1..${LIMITS.contextElements})`);
        b.elements.forEach((e, j) => {
          if (e.type === 'mrkdwn' || e.type === 'plain_text') tooLong(`${at} element ${j}`, e.text, LIMITS.contextText);
        });
        break;
      case 'actions':
        if (b.elements.length === 0 || b.elements.length > LIMITS.actionsElements) problems.push(`${at}: ${b.elements.length} elements (1..${LIMITS.actionsElements})`);
        b.elements.forEach((e, j) => {
          if (e.type === 'button') problems.push(...validateButton(`${at} element ${j}`, e));
        });
        break;
      case 'image': {
        const img = b as ImageBlock & { image_url?: string; slack_file?: unknown };
        if (img.image_url === undefined && img.slack_file === undefined) problems.push(`${at}: needs image_url or slack_file`);
        if (img.image_url !== undefined && img.image_url.length > LIMITS.imageUrl) problems.push(`${at}: image_url too long`);
        tooLong(`${at} alt_text`, b.alt_text, LIMITS.imageAltText);
        break;
      }
      default:
        break;
    }
  });
  return problems;
}

function validateButton(at: string, b: Button): string[] {
  const problems: string[] = [];
  if (b.text.text.length === 0 || b.text.text.length > LIMITS.buttonText) problems.push(`${at}: button text ${b.text.text.length} characters (1..${LIMITS.buttonText})`);
  if (b.value !== undefined && b.value.length > LIMITS.buttonValue) problems.push(`${at}: button value too long`);
  if (b.action_id !== undefined && b.action_id.length > LIMITS.actionId) problems.push(`${at}: action_id too long`);
  if (b.url !== undefined && b.url.length > LIMITS.buttonUrl) problems.push(`${at}: url too long`);
  return problems;
}

/** Validates a whole message, including its fallback text. */
export function validateMessage(message: { text?: string; blocks: readonly KnownBlock[] }, surface: Surface = 'message'): string[] {
  const problems = validateBlocks(message.blocks, surface);
  if (!message.text || message.text.trim().length === 0) problems.push('missing plain-text fallback');
  else if (message.text.length > LIMITS.messageText) problems.push(`text ${message.text.length} characters (max ${LIMITS.messageText})`);
  return problems;
}
