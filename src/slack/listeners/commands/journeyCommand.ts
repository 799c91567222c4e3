import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_PERIOD } from '../../../domain/periods.js';
import { formatNumber, t, type Locale } from '../../../i18n/index.js';
import { logAction } from '../../../db/queries/actions.js';
import { findJourney, listAllTouchpoints } from '../../../db/queries/lookup.js';
import type { SlackDeps } from '../../app.js';
import { escapeText, type Message } from '../../kit/blocks.js';
import { buildHelpMessage } from '../../views/help.js';
import { noticeMessage } from '../../views/notice.js';
import { npsValue } from '../../views/format.js';
import { renderActionsList, renderView, windowFor } from '../../viewMessages.js';
import { respondEphemeral } from '../../respond.js';
import { openLogActionModal } from '../../views/logActionModal.js';
import { viewerFor, viewerWithin, type Viewer } from '../../viewer.js';
import {
  BUILTIN_SUBCOMMANDS,
  closestSubcommand,
  MAX_COMMAND_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  parseJourneyCommand,
  type ActionsFilterSpec,
  type JourneyCommand,
  type ParseError,
} from './parse.js';
import { extensionEntries, extensionNames, findSubcommand } from './subcommands.js';
import { resolveJourney, resolveTouchpoint } from './resolve.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/journey …`: ack at once, parse, answer ephemerally through response_url. */
export function journeyCommandHandler(deps: SlackDeps) {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const parsed = parseJourneyCommand(command.text ?? '', extensionNames());
    // The modal must open within 3 s of the command (trigger_id expires): a slow users.info may not hold it up.
    const viewer =
      parsed.ok && parsed.command.kind === 'log_modal'
        ? (await viewerWithin(deps, command.user_id, command.team_id)).viewer
        : await viewerFor(deps, command.user_id, command.team_id);
    const reply = (message: Message) => respondEphemeral(respond, message, viewer.locale);
    if (!parsed.ok) {
      await reply(noticeMessage(parseErrorText(viewer.locale, parsed.error)));
      return;
    }
    const cmd = parsed.command;
    if (cmd.kind === 'extension') {
      const entry = findSubcommand(cmd.name);
      if (entry) {
        await entry.handler({ args: cmd.args, command, client, respond, deps, locale: viewer.locale, timezone: viewer.timezone });
        return;
      }
    }
    const message = await runCommand(deps, viewer, cmd, { triggerId: command.trigger_id, channelId: command.channel_id, client });
    if (message) await reply(message);
  };
}

interface CommandEnv {
  triggerId: string;
  channelId: string;
  client: CommandArgs['client'];
}

/** The reply to send, or null when the answer is something else (a modal). */
async function runCommand(deps: SlackDeps, viewer: Viewer, cmd: JourneyCommand, env: CommandEnv): Promise<Message | null> {
  const { locale } = viewer;
  const db = deps.db.db;
  switch (cmd.kind) {
    case 'list':
      return (await renderView(deps, viewer, { v: 'list', p: cmd.period ?? DEFAULT_PERIOD })).message;
    case 'show': {
      let journeyText = cmd.journey;
      let period = cmd.period ?? DEFAULT_PERIOD;
      // "last-mile" could be a journey key that looks like a period: prefer the journey when the period is bad.
      if (cmd.period !== undefined && !windowFor(cmd.period, viewer).ok) {
        const whole = await findJourney(db, `${cmd.journey} ${cmd.period}`);
        if (whole.found) {
          journeyText = `${cmd.journey} ${cmd.period}`;
          period = DEFAULT_PERIOD;
        }
      }
      const journey = await resolveJourney(db, locale, journeyText);
      if (!journey.ok) {
        // A first word close to a subcommand ("acitons") was probably that, not a journey.
        const first = cmd.journey.split(' ')[0] ?? '';
        const suggestion = cmd.explicit ? undefined : closestSubcommand(first, [...BUILTIN_SUBCOMMANDS, ...extensionNames()]);
        if (suggestion) return noticeMessage(t(locale, 'journey.error.unknownSubcommand', { input: escapeText(first), suggestion }));
        return noticeMessage(journey.text);
      }
      return (await renderView(deps, viewer, { v: 'journey', j: journey.value.id, p: period })).message;
    }
    case 'touchpoint': {
      const tp = await resolveTouchpoint(db, locale, cmd.target, (ref) => `/journey touchpoint ${ref}`);
      if (!tp.ok) return noticeMessage(tp.text);
      return (await renderView(deps, viewer, { v: 'touchpoint', t: tp.value.id, p: cmd.period ?? DEFAULT_PERIOD })).message;
    }
    case 'log_modal': {
      const touchpoints = await listAllTouchpoints(db);
      try {
        await openLogActionModal(env.client, env.triggerId, { locale, touchpoints, metadata: { c: env.channelId } });
      } catch (err) {
        deps.logger.warn('views.open failed for /journey log', { err });
        return noticeMessage(t(locale, 'journey.error.modalFailed', { error: slackErrorCode(err) }));
      }
      // The modal is the answer; an ephemeral reply would only add noise.
      return null;
    }
    case 'log': {
      const tp = await resolveTouchpoint(db, locale, cmd.target, (ref) => `/journey log ${ref} …`);
      if (!tp.ok) return noticeMessage(tp.text);
      const action = await logAction(db, {
        touchpointId: tp.value.id,
        description: cmd.description,
        createdByUserId: viewer.userId,
        teamId: viewer.teamId ?? null,
        now: viewer.now,
      });
      return loggedMessage(locale, action);
    }
    case 'actions':
      return actionsMessage(deps, viewer, cmd.filter);
    case 'help':
    case 'extension': {
      const extensions = extensionEntries().map((e) => ({ name: e.name, line: e.help[locale] }));
      return buildHelpMessage(locale, extensions, cmd.kind === 'help' ? cmd.topic : undefined);
    }
  }
}

export function loggedMessage(locale: Locale, action: Awaited<ReturnType<typeof logAction>>): Message {
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

async function actionsMessage(deps: SlackDeps, viewer: Viewer, spec: ActionsFilterSpec): Promise<Message> {
  if (spec.kind !== 'touchpoint') return (await renderActionsList(deps, viewer, { v: 'actions', f: spec.kind })).message;
  const tp = await resolveTouchpoint(deps.db.db, viewer.locale, spec.target, (ref) => `/journey actions ${ref}`);
  if (!tp.ok) return noticeMessage(tp.text);
  return (await renderActionsList(deps, viewer, { v: 'actions', f: 'touchpoint', t: tp.value.id }, { touchpoint: tp.value })).message;
}

export function parseErrorText(locale: Locale, error: ParseError): string {
  const input = escapeText(error.input ?? '').replace(/`/g, "'");
  switch (error.code) {
    case 'too_long':
      return t(locale, 'journey.error.tooLong', { max: MAX_COMMAND_LENGTH });
    case 'control_chars':
      return t(locale, 'journey.error.controlChars');
    case 'unbalanced_quote':
      return t(locale, 'journey.error.unbalancedQuote', { input });
    case 'missing_journey':
      return t(locale, 'journey.error.missingJourney');
    case 'missing_touchpoint':
      return t(locale, 'journey.error.missingTouchpoint');
    case 'bad_target':
      return t(locale, 'journey.error.badTarget', { input });
    case 'missing_description':
      return t(locale, 'journey.error.missingDescription');
    case 'description_too_long':
      return t(locale, 'journey.error.descriptionTooLong', { max: MAX_DESCRIPTION_LENGTH });
    case 'too_many_args':
      return t(locale, 'journey.error.tooManyArgs', { input, sub: error.subcommand ?? '' });
  }
}

/** Slack's error code from a Web API error, for messages ("ratelimited", "invalid_blocks"). */
export function slackErrorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'unknown_error';
}

