import { z } from 'zod';
import { englishPeriodText, parsePeriod } from '../../../domain/periods.js';
import { editDistance } from '../../../domain/suggest.js';
import { tokenizeCommand, type Token } from './tokenize.js';

/**
 * Pure parser for the text after `/journey`. It knows the grammar, not the data: journeys,
 * touchpoints and periods are returned as the user typed them and resolved by the handler
 * (which can then say "did you mean …"). Every way the text can be wrong is a typed error the
 * handler turns into a short, specific reply.
 *
 * Grammar (tokens split on ASCII or full-width spaces; "…", “…” and 「…」 group words):
 *   (empty) | list [period] | <period>              → list
 *   <journey…> [period] | show <journey…> [period]  → show
 *   touchpoint [<journey>/]<touchpoint> [period]    → touchpoint
 *   … by <attribute> [period] | … <attribute>別 [period]  (after show or touchpoint) → a breakdown
 *   log                                             → log (modal)
 *   log [<journey>/]<touchpoint> <description…>     → log (direct)
 *   actions [open|done|mine|all|[<journey>/]<touchpoint>]
 *   help [topic]
 *   <extension> <args…>                             → extension (subcommands registered by other features)
 */

/** Longer than anything a person types into a slash command; we refuse instead of guessing. */
export const MAX_COMMAND_LENGTH = 1200;
export const MAX_DESCRIPTION_LENGTH = 1000;

export const BUILTIN_SUBCOMMANDS = ['list', 'show', 'touchpoint', 'log', 'actions', 'help'] as const;
export type BuiltinSubcommand = (typeof BUILTIN_SUBCOMMANDS)[number];

/** A `[journey/]touchpoint` reference as typed. */
export interface TouchpointTarget {
  journey?: string;
  touchpoint: string;
}

export type ActionsFilterSpec =
  | { kind: 'open' }
  | { kind: 'done' }
  | { kind: 'mine' }
  | { kind: 'all' }
  | { kind: 'touchpoint'; target: TouchpointTarget };

export type JourneyCommand =
  | { kind: 'list'; period?: string }
  | { kind: 'show'; journey: string; period?: string; explicit: boolean; by?: string }
  | { kind: 'touchpoint'; target: TouchpointTarget; period?: string; by?: string }
  | { kind: 'log_modal' }
  | { kind: 'log'; target: TouchpointTarget; description: string }
  | { kind: 'actions'; filter: ActionsFilterSpec }
  | { kind: 'help'; topic?: string }
  | { kind: 'extension'; name: string; args: string };

export type ParseErrorCode =
  | 'too_long'
  | 'control_chars'
  | 'unbalanced_quote'
  | 'missing_journey'
  | 'missing_touchpoint'
  | 'bad_target'
  | 'missing_description'
  | 'description_too_long'
  | 'too_many_args'
  | 'missing_attribute';

export interface ParseError {
  code: ParseErrorCode;
  /** The subcommand the error belongs to, for a help line in the reply. */
  subcommand?: BuiltinSubcommand;
  /** The offending piece of input (already trimmed and shortened), when there is one. */
  input?: string;
}

export type ParseResult = { ok: true; command: JourneyCommand } | { ok: false; error: ParseError };

// C0 controls except tab/newline/CR, DEL, C1 controls, and bidi overrides that can disguise text.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Tokens that look like a period spec (`30d`, `12w`, `this-week`, `2026-01`, `2026-01-01..2026-02-01`).
 * Only the shape matters here; the handler validates it with the period parser so a typo such as
 * `30x` gets a "bad period" reply instead of "no journey named 'checkout 30x'".
 */
const PERIOD_LIKE = /^(\d+[a-z]+|(this|last|previous|prev)-[a-z]+|today|yesterday|[a-z]+-to-date|[wmqy]td|\d{4}-\d{2}(-\d{2})?(\.\.\d{4}-\d{2}(-\d{2})?)?)$/i;

export function looksLikePeriod(token: string): boolean {
  // NFKC: periods typed with a Japanese IME arrive full-width (`３０ｄ`); Japanese words (`先月`, `30日`)
  // are read in their English form so they take the same place in the grammar.
  const folded = token.normalize('NFKC');
  return PERIOD_LIKE.test(folded) || PERIOD_LIKE.test(englishPeriodText(folded));
}

/**
 * The period as the rest of the bot spells it: a valid one in its English form (`先月` → `last-month`,
 * `7D` → `7d`) so button values and labels do not depend on the language it was typed in; an invalid one
 * as typed (lower-cased), so the reply can quote it and a journey named like it can still be found.
 */
function periodText(token: string): string {
  const parsed = parsePeriod(token);
  return parsed.ok ? parsed.spec.text : token.toLowerCase();
}

/** Slack sends `&`, `<` and `>` in command text as HTML entities. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const targetSchema = z
  .string()
  .transform((s) => s.replace(/／/g, '/'))
  .transform((s, ctx): TouchpointTarget => {
    const slash = s.lastIndexOf('/');
    if (slash < 0) return { touchpoint: s.trim() };
    const journey = s.slice(0, slash).trim();
    const touchpoint = s.slice(slash + 1).trim();
    if (touchpoint.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'missing touchpoint after /' });
      return z.NEVER;
    }
    return journey.length > 0 ? { journey, touchpoint } : { touchpoint };
  });

export function parseTarget(token: string): TouchpointTarget | null {
  const r = targetSchema.safeParse(token);
  return r.success ? r.data : null;
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function fail(code: ParseErrorCode, subcommand?: BuiltinSubcommand, input?: string): ParseResult {
  const error: ParseError = { code };
  if (subcommand) error.subcommand = subcommand;
  if (input !== undefined) error.input = shorten(input);
  return { ok: false, error };
}

function ok(command: JourneyCommand): ParseResult {
  return { ok: true, command };
}

/** Splits `words… [period]` into a name and an optional trailing period. */
function nameAndPeriod(tokens: Token[]): { name: string; period?: string } {
  const last = tokens[tokens.length - 1];
  if (tokens.length >= 2 && last && looksLikePeriod(last.value)) {
    return { name: tokens.slice(0, -1).map((t) => t.value).join(' '), period: periodText(last.value) };
  }
  return { name: tokens.map((t) => t.value).join(' ') };
}

/** `<key>別` (地域別, region別): the Japanese way to say "by <key>". */
const BETSU_SUFFIX = /^(.+?)\s*別$/u;

/**
 * Takes `by <attribute>` (or `<attribute>別`) out of a command's words. The period may come
 * before or after it: `online-purchase by region 7d`, `オンライン購入 7日 地域別`.
 */
function splitBy(tokens: Token[]): { ok: true; tokens: Token[]; by?: string } | { ok: false; error: 'missing_attribute' | 'too_many_args'; input?: string } {
  const at = tokens.findIndex((tok, i) => i > 0 && tok.value.toLowerCase() === 'by');
  if (at > 0) {
    const after = tokens.slice(at + 1);
    const attr = after[0];
    if (!attr || looksLikePeriod(attr.value)) return { ok: false, error: 'missing_attribute' };
    const rest = after.slice(1);
    if (rest.length > 1 || (rest[0] && !looksLikePeriod(rest[0].value))) {
      return { ok: false, error: 'too_many_args', input: rest.map((t) => t.value).join(' ') };
    }
    return { ok: true, tokens: [...tokens.slice(0, at), ...rest], by: attr.value.normalize('NFKC') };
  }
  const last = tokens.length - 1;
  for (const i of [last, last - 1]) {
    const tok = tokens[i];
    const m = tok && i > 0 ? BETSU_SUFFIX.exec(tok.value.normalize('NFKC')) : null;
    if (m?.[1] && (i === last || looksLikePeriod(tokens[last]!.value))) {
      return { ok: true, tokens: tokens.filter((_, k) => k !== i), by: m[1] };
    }
  }
  return { ok: true, tokens };
}

/**
 * @param extensions subcommand names registered by other features (e.g. `digest`, `alert`); they take
 *   precedence over journey names, as the built-in subcommands do.
 */
export function parseJourneyCommand(rawText: string, extensions: ReadonlySet<string> = new Set()): ParseResult {
  if (rawText.length > MAX_COMMAND_LENGTH * 4) return fail('too_long');
  const text = unescapeSlack(rawText).normalize('NFC').trim();
  if (text.length > MAX_COMMAND_LENGTH) return fail('too_long');
  if (CONTROL_CHARS.test(text)) return fail('control_chars');
  const tokens = tokenizeCommand(text);
  if (tokens === 'unbalanced') return fail('unbalanced_quote', undefined, text);
  const [first, ...rest] = tokens;
  if (!first) return ok({ kind: 'list' });
  const sub = first.value.toLowerCase();

  switch (sub) {
    case 'list': {
      if (rest.length > 1) return fail('too_many_args', 'list', rest.map((t) => t.value).join(' '));
      const period = rest[0] === undefined ? undefined : periodText(rest[0].value);
      return ok(period === undefined ? { kind: 'list' } : { kind: 'list', period });
    }
    case 'show': {
      const split = splitBy(rest);
      if (!split.ok) return fail(split.error, 'show', split.input);
      if (split.tokens.length === 0) return fail('missing_journey', 'show');
      const { name, period } = nameAndPeriod(split.tokens);
      return ok({ kind: 'show', journey: name, explicit: true, ...(period === undefined ? {} : { period }), ...(split.by === undefined ? {} : { by: split.by }) });
    }
    case 'touchpoint':
    case 'tp': {
      const split = splitBy(rest);
      if (!split.ok) return fail(split.error, 'touchpoint', split.input);
      if (split.tokens.length === 0) return fail('missing_touchpoint', 'touchpoint');
      // Unquoted multi-word names are allowed: everything but a trailing period is the target.
      const { name, period } = nameAndPeriod(split.tokens);
      const target = parseTarget(name);
      if (!target) return fail('bad_target', 'touchpoint', name);
      return ok({ kind: 'touchpoint', target, ...(period === undefined ? {} : { period }), ...(split.by === undefined ? {} : { by: split.by }) });
    }
    case 'log': {
      const [targetTok] = rest;
      if (!targetTok) return ok({ kind: 'log_modal' });
      const target = parseTarget(targetTok.value);
      if (!target) return fail('bad_target', 'log', targetTok.value);
      // The description is the rest of the line verbatim (quotes and line breaks kept).
      const description = text.slice(targetTok.end).trim();
      if (description.length === 0) return fail('missing_description', 'log');
      if (description.length > MAX_DESCRIPTION_LENGTH) return fail('description_too_long', 'log');
      return ok({ kind: 'log', target, description });
    }
    case 'actions': {
      if (rest.length === 0) return ok({ kind: 'actions', filter: { kind: 'open' } });
      const arg = rest.map((t) => t.value).join(' ');
      const lower = arg.toLowerCase();
      if (lower === 'open' || lower === 'done' || lower === 'mine' || lower === 'all') {
        return ok({ kind: 'actions', filter: { kind: lower } });
      }
      const target = parseTarget(arg);
      if (!target) return fail('bad_target', 'actions', arg);
      return ok({ kind: 'actions', filter: { kind: 'touchpoint', target } });
    }
    case 'help':
    case '?': {
      const topic = rest[0]?.value.toLowerCase();
      return ok(topic === undefined ? { kind: 'help' } : { kind: 'help', topic });
    }
    default: {
      if (extensions.has(sub)) return ok({ kind: 'extension', name: sub, args: text.slice(first.end).trim() });
      // `/journey 7d` reads as "the list for 7d".
      if (tokens.length === 1 && looksLikePeriod(first.value)) return ok({ kind: 'list', period: periodText(first.value) });
      const split = splitBy(tokens);
      if (!split.ok) return fail(split.error, 'show', split.input);
      const { name, period } = nameAndPeriod(split.tokens);
      return ok({ kind: 'show', journey: name, explicit: false, ...(period === undefined ? {} : { period }), ...(split.by === undefined ? {} : { by: split.by }) });
    }
  }
}

/** The subcommand a mistyped first word was probably meant to be, if any. */
export function closestSubcommand(word: string, names: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 2) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(w, name);
    const limit = name.length <= 4 ? 1 : 2;
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
