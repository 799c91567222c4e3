import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_PERIOD } from '../../../domain/periods.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { SlackContext } from '../../context.js';
import { slackErrorCode } from '../../errors.js';
import { respondEphemeral } from '../../interactions.js';
import { openLogActionModal } from '../../modals.js';
import { escapeText, type Message } from '../../kit/blocks.js';
import { requestKeyOf } from '../../requestKey.js';
import { actionsListMessage, viewMessage, windowFor } from '../../viewMessages.js';
import { viewerFor, viewerWithin, type Viewer } from '../../viewer.js';
import { loggedMessage } from '../../views/actionsList.js';
import { buildHelpMessage } from '../../views/help.js';
import { noticeMessage } from '../../views/notice.js';
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
import { breakdownReply } from './breakdown.js';
import { resolveJourney, resolveTouchpoint } from './resolve.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/journey …`: ack at once, parse, answer ephemerally through response_url. */
export function journeyCommand(ctx: SlackContext) {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const parsed = parseJourneyCommand(command.text ?? '', ctx.subcommands.names());
    // The modal must open within 3 s of the command (trigger_id expires): a slow users.info may not hold it up.
    const viewer =
      parsed.ok && parsed.command.kind === 'log_modal'
        ? (await viewerWithin(ctx, command.user_id, command.team_id)).viewer
        : await viewerFor(ctx, command.user_id, command.team_id);
    const reply = (message: Message) => respondEphemeral(respond, message, viewer.locale);
    if (!parsed.ok) {
      await reply(noticeMessage(parseErrorText(viewer.locale, parsed.error)));
      return;
    }
    const cmd = parsed.command;
    if (cmd.kind === 'extension') {
      const entry = ctx.subcommands.find(cmd.name);
      if (entry) {
        await entry.handler({ args: cmd.args, command, client, respond, slack: ctx, locale: viewer.locale, timezone: viewer.timezone });
        return;
      }
    }
    const message = await runCommand(ctx, viewer, cmd, { triggerId: command.trigger_id, channelId: command.channel_id, client });
    if (message) await reply(message);
  };
}

interface CommandEnv {
  triggerId: string;
  channelId: string;
  client: CommandArgs['client'];
}

/** The reply to send, or null when the answer is something else (a modal). */
async function runCommand(ctx: SlackContext, viewer: Viewer, cmd: JourneyCommand, env: CommandEnv): Promise<Message | null> {
  const { locale } = viewer;
  const { lookup } = ctx.services;
  switch (cmd.kind) {
    case 'list':
      return (await viewMessage(ctx, viewer, { v: 'list', p: cmd.period ?? DEFAULT_PERIOD })).message;
    case 'show': {
      let journeyText = cmd.journey;
      let period = cmd.period ?? DEFAULT_PERIOD;
      // "last-mile" could be a journey key that looks like a period: prefer the journey when the period is bad.
      if (cmd.period !== undefined && !windowFor(cmd.period, viewer).ok) {
        const whole = await lookup.findJourney(`${cmd.journey} ${cmd.period}`);
        if (whole.found) {
          journeyText = `${cmd.journey} ${cmd.period}`;
          period = DEFAULT_PERIOD;
        }
      }
      const journey = await resolveJourney(lookup, locale, journeyText);
      if (!journey.ok) {
        // A first word close to a subcommand ("acitons") was probably that, not a journey.
        const first = cmd.journey.split(' ')[0] ?? '';
        const suggestion = cmd.explicit ? undefined : closestSubcommand(first, [...BUILTIN_SUBCOMMANDS, ...ctx.subcommands.names()]);
        if (suggestion) return noticeMessage(t(locale, 'journey.error.unknownSubcommand', { input: escapeText(first), suggestion }));
        return noticeMessage(journey.text);
      }
      if (cmd.by !== undefined) return breakdownReply(ctx, viewer, { kind: 'journey', journey: journey.value }, cmd.by, period);
      return (await viewMessage(ctx, viewer, { v: 'journey', j: journey.value.id, p: period })).message;
    }
    case 'touchpoint': {
      const tp = await resolveTouchpoint(lookup, locale, cmd.target, (ref) => `/journey touchpoint ${ref}`);
      if (!tp.ok) return noticeMessage(tp.text);
      if (cmd.by !== undefined) return breakdownReply(ctx, viewer, { kind: 'touchpoint', touchpoint: tp.value }, cmd.by, cmd.period ?? DEFAULT_PERIOD);
      return (await viewMessage(ctx, viewer, { v: 'touchpoint', t: tp.value.id, p: cmd.period ?? DEFAULT_PERIOD })).message;
    }
    case 'log_modal': {
      const touchpoints = await lookup.allTouchpoints();
      try {
        await openLogActionModal(env.client, env.triggerId, { locale, touchpoints, metadata: { c: env.channelId } });
      } catch (err) {
        ctx.logger.warn('views.open failed for /journey log', { error: slackErrorCode(err) });
        return noticeMessage(t(locale, 'journey.error.modalFailed', { error: slackErrorCode(err) }));
      }
      // The modal is the answer; an ephemeral reply would only add noise.
      return null;
    }
    case 'log': {
      const tp = await resolveTouchpoint(lookup, locale, cmd.target, (ref) => `/journey log ${ref} …`);
      if (!tp.ok) return noticeMessage(tp.text);
      const action = await ctx.services.actions.log({
        touchpointId: tp.value.id,
        description: cmd.description,
        createdByUserId: viewer.userId,
        teamId: viewer.teamId ?? null,
        requestKey: requestKeyOf(env.triggerId),
        now: viewer.now,
      });
      return loggedMessage(locale, action);
    }
    case 'actions':
      return actionsReply(ctx, viewer, cmd.filter);
    case 'help':
    case 'extension': {
      const extensions = ctx.subcommands.entries().map((e) => ({ name: e.name, line: e.help[locale] }));
      return buildHelpMessage(locale, extensions, cmd.kind === 'help' ? cmd.topic : undefined);
    }
  }
}

async function actionsReply(ctx: SlackContext, viewer: Viewer, spec: ActionsFilterSpec): Promise<Message> {
  if (spec.kind !== 'touchpoint') return (await actionsListMessage(ctx, viewer, { v: 'actions', f: spec.kind })).message;
  const tp = await resolveTouchpoint(ctx.services.lookup, viewer.locale, spec.target, (ref) => `/journey actions ${ref}`);
  if (!tp.ok) return noticeMessage(tp.text);
  return (await actionsListMessage(ctx, viewer, { v: 'actions', f: 'touchpoint', t: tp.value.id }, { touchpoint: tp.value })).message;
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
    case 'missing_attribute':
      return t(locale, 'segments.error.missingAttribute');
  }
}
