import type { ImageBlock, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { RenderedChart } from '../charts/service.js';
import type { Logger } from '../logger.js';
import { image } from './kit/blocks.js';
import { LIMITS } from './kit/limits.js';

/**
 * Turns a rendered chart into an image block.
 * - url (QuickChart): an image block with image_url; Slack's servers fetch the image.
 * - png (local): uploaded with files.uploadV2 WITHOUT a channel, so the file stays private to the
 *   bot and nothing is posted; the image block references it as `slack_file: { id }`
 *   (https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object). The block
 *   may be rejected with invalid_blocks while Slack is still processing a fresh upload; callers
 *   send through sendWithChartFallback() so the message still goes out, without the image.
 * Returns null when there is nothing to show (charts off, URL too long, upload failed).
 */
export async function chartBlock(
  web: WebClient,
  chart: RenderedChart | null,
  opts: { logger: Logger; blockId?: string; filename?: string },
): Promise<ImageBlock | null> {
  if (!chart) return null;
  const blockOpts = { title: chart.title, ...(opts.blockId ? { blockId: opts.blockId } : {}) };
  if (chart.kind === 'url') {
    if (chart.url.length > LIMITS.imageUrl) {
      // QuickChart puts the whole config in the URL; Slack refuses image_url past 3000 characters.
      opts.logger.warn('chart URL too long for an image block; chart omitted', { length: chart.url.length });
      return null;
    }
    return image({ url: chart.url }, chart.altText, blockOpts);
  }
  try {
    const res = await web.filesUploadV2({
      file: chart.png,
      filename: opts.filename ?? 'chart.png',
      title: chart.title,
      alt_text: chart.altText,
    });
    const id = res.files[0]?.files?.[0]?.id;
    if (!id) {
      opts.logger.warn('files.uploadV2 returned no file id; chart omitted');
      return null;
    }
    return image({ slackFileId: id }, chart.altText, blockOpts);
  } catch (err) {
    opts.logger.warn('chart upload failed; chart omitted', { err });
    return null;
  }
}

/** True for Slack's invalid_blocks error that points at an image (e.g. a slack_file not ready yet). */
export function isImageBlockError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const data = (err as { data?: { error?: string; errors?: unknown } }).data;
  if (data?.error !== 'invalid_blocks') return false;
  const details = JSON.stringify(data.errors ?? '');
  return /slack_file|image_url|downloading image/i.test(details) || details === '""';
}

/**
 * Sends blocks that may contain a chart image; if Slack refuses the image, sends again without
 * image blocks (plus `note`), so a user never loses the numbers because of the picture.
 */
export async function sendWithChartFallback<T>(blocks: KnownBlock[], send: (blocks: KnownBlock[]) => Promise<T>, note?: KnownBlock): Promise<T> {
  try {
    return await send(blocks);
  } catch (err) {
    if (!blocks.some((b) => b.type === 'image') || !isImageBlockError(err)) throw err;
    const without = blocks.filter((b) => b.type !== 'image');
    return send(note ? [...without, note] : without);
  }
}
