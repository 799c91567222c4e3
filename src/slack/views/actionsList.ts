import type { Button, KnownBlock } from '@slack/types';
import { formatNumber, t, type Locale } from '../../i18n/index.js';
import type { ActionStatus } from '../../domain/enums.js';
import type { ActionRow, ActionWithImpact } from '../../domain/model.js';
import { noticeMessage } from './notice.js';
import { actions, context, escapeText, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { Actions } from '../ids.js';
import { type ActionsListRef } from '../values.js';
import { isChannelView, type ViewOptions } from './common.js';
import { dayText, deltaText, npsValue } from './format.js';
import { impactEvidence } from './fixFirst.js';
import { actionImpact } from '../../domain/actionImpact.js';

/** Each action takes a section and a row of buttons: 20 keeps a message well under 50 blocks. */
export const ACTIONS_PER_MESSAGE = 20;
const DESCRIPTION_CHARS = 300;

export function statusText(locale: Locale, status: ActionStatus): string {
  return t(locale, `journey.status.${status}`);
}

export function isOverdue(action: { dueDate: string | null; status: ActionStatus }, today: string | undefined): boolean {
  return today !== undefined && action.dueDate !== null && action.status !== 'done' && action.dueDate < today;
}

function ownerText(locale: Locale, owner: string | null): string {
  return owner ? `<@${owner}>` : t(locale, 'journey.actions.noOwner');
}

function dueText(locale: Locale, a: ActionWithImpact, today: string | undefined): string {
  if (!a.dueDate) return t(locale, 'journey.actions.noDue');
  const d = dayText(locale, a.dueDate);
  return isOverdue(a, today) ? `${d} ${t(locale, 'journey.actions.overdue')}` : d;
}

/** "NPS when logged −20 (n=40) → since +50 (n=40) ↑ +70 ⚑ significant at 95% over 40 answers since" */
export function impactText(locale: Locale, a: ActionWithImpact): string {
  const delta = impactEvidence(locale, actionImpact(a.baseline, a.since), deltaText(locale, a.delta));
  return t(locale, 'journey.actions.impact', {
    baseline: npsValue(locale, a.baseline.score),
    baselineN: t(locale, 'journey.value.n', { n: formatNumber(locale, a.baseline.responses) }),
    since: npsValue(locale, a.since.score),
    sinceN: t(locale, 'journey.value.n', { n: formatNumber(locale, a.since.n) }),
    delta,
  }).trim();
}

/** One-line summary used inside journey and touchpoint views and App Home. */
export function actionSummaryLine(locale: Locale, a: ActionWithImpact, today: string | undefined): string {
  // Labelled like the actions list: a bare "nobody · no date" between status and impact reads as noise.
  return t(locale, 'journey.actions.summary', {
    description: escapeText(truncate(a.description, 150)),
    status: statusText(locale, a.status),
    owner: ownerText(locale, a.ownerUserId),
    due: dueText(locale, a, today),
    impact: impactText(locale, a),
  });
}

/** Start / Complete / Reopen for one action; `list` is the actions list they sit in (re-rendered in place when pressed). */
export function statusButtons(locale: Locale, a: { id: number; status: ActionStatus }, list?: ActionsListRef): Button[] {
  const v = (from: ActionStatus) => ({ a: a.id, from, ...(list ? { r: list } : {}) });
  if (a.status === 'open') {
    return [
      Actions.actionStart.button({ text: t(locale, 'journey.button.start'), value: v('open') }),
      Actions.actionComplete.button({ text: t(locale, 'journey.button.complete'), style: 'primary', value: v('open') }),
    ];
  }
  if (a.status === 'in_progress') {
    return [Actions.actionComplete.button({ text: t(locale, 'journey.button.complete'), style: 'primary', value: v('in_progress') })];
  }
  return [Actions.actionReopen.button({ text: t(locale, 'journey.button.reopen'), value: v('done') })];
}

export interface ActionsListInput {
  title: string;
  actions: readonly ActionWithImpact[];
  /** YYYY-MM-DD in the viewer's timezone. */
  today: string;
  /** Which list this is, so its buttons can re-render it in place. */
  list?: ActionsListRef;
  /**
   * A confirmation shown under the header after a status button was pressed. When that action has
   * left the list (completed in "open actions"), its buttons are repeated there so it can be undone.
   */
  notice?: { text: string; action?: { id: number; status: ActionStatus } };
}

/** `/journey actions …`: each action with status, owner, due date (overdue marked), impact, and buttons. */
export function buildActionsListMessage(input: ActionsListInput, opts: ViewOptions): Message {
  const { locale } = opts;
  const blocks: KnownBlock[] = [header(input.title)];
  const shown = input.actions.slice(0, ACTIONS_PER_MESSAGE);
  if (input.notice) {
    blocks.push(context([input.notice.text]));
    const changed = input.notice.action;
    if (changed && !isChannelView(opts) && !shown.some((a) => a.id === changed.id)) blocks.push(actions(statusButtons(locale, changed, input.list)));
  }
  if (input.actions.length === 0) blocks.push(section(t(locale, 'journey.actions.empty')));
  for (const a of shown) {
    blocks.push(
      section(
        [
          t(locale, 'journey.actions.line', {
            description: escapeText(truncate(a.description, DESCRIPTION_CHARS)),
            touchpoint: escapeText(a.touchpoint.name),
            journey: escapeText(a.touchpoint.journeyName),
            status: statusText(locale, a.status),
            owner: ownerText(locale, a.ownerUserId),
            due: dueText(locale, a, input.today),
          }),
          impactText(locale, a),
        ].join('\n'),
      ),
    );
    if (!isChannelView(opts)) blocks.push(actions(statusButtons(locale, a, input.list)));
  }
  if (input.actions.length > ACTIONS_PER_MESSAGE) blocks.push(context([t(locale, 'journey.actions.more', { count: input.actions.length - ACTIONS_PER_MESSAGE })]));
  const fallback = [
    ...(input.notice ? [input.notice.text] : []),
    t(locale, 'journey.actions.fallback', { title: escapeText(input.title), count: input.actions.length }),
    ...input.actions.slice(0, ACTIONS_PER_MESSAGE).map((a) => `• ${escapeText(truncate(a.description, 100))} (${statusText(locale, a.status)})`),
  ].join('\n');
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}

/** The confirmation after logging an action: what, where, and the baseline it will be compared with. */
export function loggedMessage(locale: Locale, action: ActionRow): Message {
  const tp = action.touchpoint;
  const text = t(locale, 'journey.actions.logged', {
    id: action.id,
    touchpoint: escapeText(tp.name),
    journey: escapeText(tp.journeyName),
    description: escapeText(action.description),
    baseline: npsValue(locale, action.baseline.score),
    n: t(locale, 'journey.value.n', { n: formatNumber(locale, action.baseline.responses) }),
    target: `${tp.journeyKey}/${tp.key}`,
  });
  return noticeMessage(text);
}
