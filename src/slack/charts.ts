import type { ImageBlock, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ChartService, RenderedChart } from '../charts/service.js';
import type { Logger } from '../logger.js';
import { image, type Message } from './kit/blocks.js';
import { LIMITS } from './kit/limits.js';
import { isImageBlockError } from './errors.js';
import type { ChartRequest } from './views/charts.js';

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
  const uploaded = uploadedFile(web, chart.key, Date.now());
  if (uploaded) return image({ slackFileId: uploaded }, chart.altText, blockOpts);
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
    rememberUpload(web, chart.key, id, Date.now());
    return image({ slackFileId: id }, chart.altText, blockOpts);
  } catch (err) {
    opts.logger.warn('chart upload failed; chart omitted', { err });
    return null;
  }
}

/**
 * Files already uploaded, by chart key, per Web API client (so per app): the same picture — the
 * same journey and period, or an alert message edited again — is shown from the file Slack already
 * has instead of three more upload calls. Bounded, and forgotten after a while in case the file was
 * deleted (an image Slack refuses is dropped by the chart fallback anyway).
 */
const UPLOAD_TTL_MS = 6 * 3_600_000;
const MAX_UPLOADS_REMEMBERED = 500;
const uploads = new WeakMap<WebClient, Map<string, { fileId: string; at: number }>>();

function uploadedFile(web: WebClient, key: string, nowMs: number): string | undefined {
  const hit = uploads.get(web)?.get(key);
  return hit && nowMs - hit.at < UPLOAD_TTL_MS ? hit.fileId : undefined;
}

function rememberUpload(web: WebClient, key: string, fileId: string, nowMs: number): void {
  let known = uploads.get(web);
  if (!known) uploads.set(web, (known = new Map<string, { fileId: string; at: number }>()));
  known.delete(key);
  known.set(key, { fileId, at: nowMs });
  for (const oldest of known.keys()) {
    if (known.size <= MAX_UPLOADS_REMEMBERED) break;
    known.delete(oldest);
  }
}

/** Renders (in CHART_MODE) and delivers a chart a view asked for; null when there is none or it failed. */
export async function deliverChart(
  deps: { charts: ChartService; web: WebClient; logger: Logger },
  request: ChartRequest | null,
): Promise<ImageBlock | null> {
  if (!request) return null;
  const rendered = await deps.charts.render(request.spec, {
    title: request.title,
    altText: request.altText,
    ...(request.size ? { size: request.size } : {}),
  });
  return chartBlock(deps.web, rendered, { logger: deps.logger, filename: request.filename });
}

/**
 * The one chart fallback: sends a message that may contain chart images; if Slack refuses it
 * because of an image, sends it again without image blocks (plus `note`), so a user never loses
 * the numbers because of the picture. `imageRefused` decides which failures count; Bolt's
 * respond() throws a RespondError without Slack's error code, so replies through response_url
 * treat any failure of a message with an image that way.
 */
export async function sendWithChartFallback<T>(
  message: Message,
  send: (message: Message) => Promise<T>,
  opts: { note?: KnownBlock; imageRefused?: (err: unknown) => boolean } = {},
): Promise<T> {
  try {
    return await send(message);
  } catch (err) {
    const refused = opts.imageRefused ?? isImageBlockError;
    if (!message.blocks.some((b) => b.type === 'image') || !refused(err)) throw err;
    const without = message.blocks.filter((b) => b.type !== 'image');
    return send({ text: message.text, blocks: opts.note ? [...without, opts.note] : without });
  }
}
