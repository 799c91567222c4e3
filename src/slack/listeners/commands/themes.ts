import { DEFAULT_PERIOD, parsePeriod, resolvePeriod } from '../../../domain/periods.js';
import { t } from '../../../i18n/index.js';
import type { ThemeScope } from '../../../services/themes.js';
import type { SubcommandArgs } from '../../context.js';
import { escapeText, truncate } from '../../kit/blocks.js';
import { respondEphemeral } from '../../interactions.js';
import { whyMessage } from '../../views/themes.js';
import { commandWords } from './tokenize.js';

/**
 * `/journey why <journey>[/<touchpoint>] [period]`: complaint themes ranked by impact;
 * `/journey theme add|remove …` and `/journey themes [scope]`: team-defined themes.
 */

async function say(ctx: SubcommandArgs, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

function quoted(s: string): string {
  return escapeText(truncate(s, 60)).replace(/`/g, "'");
}

type Scope = { ok: true; scope: ThemeScope; label: string } | { ok: false; message: string };

/** A journey key or name, `journey/touchpoint`, or a touchpoint unique by itself. */
async function resolveThemeScope(ctx: SubcommandArgs, text: string): Promise<Scope> {
  const { lookup } = ctx.slack.services;
  const normalized = text.replace(/／/g, '/');
  if (!normalized.includes('/')) {
    const j = await lookup.findJourney(normalized);
    if (j.found) return { ok: true, scope: { journeyId: j.value.id, touchpointId: null }, label: `${escapeText(j.value.name)} (\`${j.value.key}\`)` };
  }
  const tp = await lookup.findTouchpoint(normalized);
  if (tp.found) {
    return {
      ok: true,
      scope: { journeyId: tp.value.journeyId, touchpointId: tp.value.id },
      label: `${escapeText(tp.value.journeyName)} / ${escapeText(tp.value.name)} (\`${tp.value.journeyKey}/${tp.value.key}\`)`,
    };
  }
  return { ok: false, message: t(ctx.locale, 'themes.team.badScope', { input: quoted(text) }) };
}

export async function whySubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced' || words.length === 0 || words.length > 2) return say(ctx, t(L, 'themes.why.usage'));
  const [target = '', periodText = DEFAULT_PERIOD] = words;
  const period = parsePeriod(periodText);
  if (!period.ok) return say(ctx, t(L, 'themes.why.badPeriod', { input: quoted(periodText) }));
  const scope = await resolveThemeScope(ctx, target);
  if (!scope.ok) return say(ctx, scope.message);
  const window = resolvePeriod(period.spec, ctx.slack.now(), ctx.timezone);
  const report = await ctx.slack.services.themes.why(scope.scope, window, { limit: 5, quotes: 3 });
  await respondEphemeral(ctx.respond, whyMessage(L, { scope: scope.scope, scopeLabel: scope.label, window, report, timezone: ctx.timezone }), L);
}

/** `/journey theme add <scope> "<label>" <keyword>…` and `/journey theme remove <id>` (admins, as for alerts). */
export async function themeSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced') return say(ctx, t(L, 'themes.team.usage'));
  const [verb, ...rest] = words;
  const action = verb?.toLowerCase();
  if (action !== 'add' && action !== 'remove') return say(ctx, t(L, 'themes.team.usage'));
  if (!(await ctx.slack.users.canManage(ctx.command.user_id, ctx.slack.now().getTime()))) return say(ctx, t(L, 'automation.notAllowed'));
  const { themes } = ctx.slack.services;
  if (action === 'remove') {
    const idText = rest[0] ?? '';
    const id = Number(idText.replace(/^#/, ''));
    if (rest.length !== 1 || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return say(ctx, t(L, 'themes.team.badId', { input: quoted(idText) }));
    const removed = await themes.removeTeamTheme(id);
    return say(ctx, removed ? t(L, 'themes.team.removed', { id, label: escapeText(removed.label) }) : t(L, 'themes.team.notFound', { id }));
  }
  const [scopeText, label, ...keywords] = rest;
  const cleanKeywords = keywords.map((k) => k.trim()).filter((k) => k.length > 0 && k.length <= 80).slice(0, 20);
  if (!scopeText || !label || label.trim().length === 0 || label.length > 80 || cleanKeywords.length === 0) return say(ctx, t(L, 'themes.team.usage'));
  let scope: { journeyId: number | null; touchpointId: number | null };
  let scopeLabel: string;
  if (scopeText === '*') {
    scope = { journeyId: null, touchpointId: null };
    scopeLabel = t(L, 'themes.team.everywhere');
  } else {
    const resolved = await resolveThemeScope(ctx, scopeText);
    if (!resolved.ok) return say(ctx, resolved.message);
    // A touchpoint's theme is filed under the touchpoint alone, as `/journey themes <touchpoint>` lists it.
    scope = resolved.scope.touchpointId === null ? { journeyId: resolved.scope.journeyId, touchpointId: null } : { journeyId: null, touchpointId: resolved.scope.touchpointId };
    scopeLabel = resolved.label;
  }
  const theme = await themes.addTeamTheme({ scope, label: label.trim(), keywords: cleanKeywords, createdBy: ctx.command.user_id });
  await say(ctx, t(L, 'themes.team.added', { id: theme.id, label: escapeText(theme.label), scope: scopeLabel, keywords: cleanKeywords.map((k) => `\`${quoted(k)}\``).join(', ') }));
}

/** `/journey themes [scope]`: team themes defined for a scope (everywhere when none is given). Anyone may look. */
export async function themesSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced' || words.length > 1) return say(ctx, t(L, 'themes.team.usage'));
  let scope: { journeyId: number | null; touchpointId: number | null } = { journeyId: null, touchpointId: null };
  let scopeLabel = t(L, 'themes.team.everywhere');
  const [scopeText] = words;
  if (scopeText && scopeText !== '*') {
    const resolved = await resolveThemeScope(ctx, scopeText);
    if (!resolved.ok) return say(ctx, resolved.message);
    scope = resolved.scope.touchpointId === null ? { journeyId: resolved.scope.journeyId, touchpointId: null } : { journeyId: null, touchpointId: resolved.scope.touchpointId };
    scopeLabel = resolved.label;
  }
  const list = await ctx.slack.services.themes.listTeamThemes(scope);
  if (list.length === 0) return say(ctx, t(L, 'themes.team.listEmpty', { scope: scopeLabel }));
  const lines = [t(L, 'themes.team.listHeader', { scope: scopeLabel })];
  for (const theme of list) {
    lines.push(t(L, 'themes.team.listItem', { id: theme.id, label: escapeText(theme.label), keywords: theme.keywords.map((k) => `\`${quoted(k)}\``).join(', ') }));
  }
  await say(ctx, lines.join('\n'));
}
