import type { JourneyRef, TouchpointRef } from '../../../domain/model.js';
import { t } from '../../../i18n/index.js';
import { canonicalAttributeKey, closestAttributeKeys } from '../../../services/segments.js';
import type { SlackContext } from '../../context.js';
import { escapeText, truncate, type Message } from '../../kit/blocks.js';
import { windowFor } from '../../viewMessages.js';
import type { Viewer } from '../../viewer.js';
import { buildBreakdownMessage, buildChannelBreakdownMessage } from '../../views/breakdown.js';
import { noticeMessage } from '../../views/notice.js';

export type BreakdownScope = { kind: 'journey'; journey: JourneyRef } | { kind: 'touchpoint'; touchpoint: TouchpointRef };

/**
 * `/journey <journey> by <attribute> [period]`, `/journey <journey> by channel` and
 * `/journey touchpoint <journey>/<touchpoint> by <attribute> [period]`.
 */
export async function breakdownReply(ctx: SlackContext, viewer: Viewer, scope: BreakdownScope, typed: string, period: string): Promise<Message> {
  const { locale } = viewer;
  const w = windowFor(period, viewer);
  if (!w.ok) return w.message;
  const { segments } = ctx.services;
  const key = canonicalAttributeKey(typed);
  if (key === 'channel' && scope.kind === 'journey') {
    const channels = await segments.byChannel(scope.journey.id, w.window);
    return channels ? buildChannelBreakdownMessage(channels, locale) : noticeMessage(t(locale, 'journey.error.stale'));
  }
  const breakdown =
    scope.kind === 'journey'
      ? await segments.journeyBreakdown(scope.journey.id, key, w.window)
      : await segments.touchpointBreakdown(scope.touchpoint.id, key, w.window);
  if (!breakdown) return noticeMessage(t(locale, 'journey.error.stale'));
  if (breakdown.segments.length === 0) {
    const keys = await segments.attributeKeys(scope.kind === 'journey' ? { journeyId: scope.journey.id } : { touchpointId: scope.touchpoint.id });
    const near = closestAttributeKeys(key, keys);
    const scopeName = scope.kind === 'journey' ? scope.journey.name : `${scope.touchpoint.journeyName} › ${scope.touchpoint.name}`;
    const quote = (k: string) => `\`${k}\``;
    const lines = [t(locale, 'segments.error.unknownAttribute', { scope: escapeText(scopeName), input: escapeText(truncate(typed, 40)).replace(/`/g, "'") })];
    if (near.length > 0) lines.push(t(locale, 'segments.error.knownAttributes', { keys: near.map(quote).join(', ') }));
    else if (keys.length > 0) lines.push(t(locale, 'segments.error.someAttributes', { keys: keys.slice(0, 20).map(quote).join(', ') }));
    else lines.push(t(locale, 'segments.error.noAttributes'));
    return noticeMessage(lines.join('\n'));
  }
  // For one touchpoint whose score moved significantly, say where the move is.
  const concentration =
    scope.kind === 'touchpoint' && breakdown.overall.nps.change.significant ? await segments.behindChange(scope.touchpoint.id, w.window) : null;
  return buildBreakdownMessage(breakdown, locale, concentration);
}
