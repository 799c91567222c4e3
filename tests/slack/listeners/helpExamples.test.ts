import { describe, expect, it } from 'vitest';
import { DEMO_JOURNEYS } from '../../../src/demo/data.js';
import { parsePeriod } from '../../../src/domain/periods.js';
import { parseClock, weekdayFromName } from '../../../src/domain/schedule.js';
import { normalizeForMatch } from '../../../src/domain/suggest.js';
import { t, type Locale } from '../../../src/i18n/index.js';
import { EXTENSION_HELP } from '../../../src/slack/listeners/commands/index.js';
import { parseJourneyCommand, parseTarget, type TouchpointTarget } from '../../../src/slack/listeners/commands/parse.js';
import { commandWords } from '../../../src/slack/listeners/commands/tokenize.js';
import { buildHelpMessage } from '../../../src/slack/views/help.js';

/**
 * Every example in `/journey help` (and in the digest and alert usage replies) must work on the
 * demo data as written: a reader's first try is copying one.
 */

const EXTENSIONS = new Set(Object.keys(EXTENSION_HELP));
const same = (a: string, b: string) => normalizeForMatch(a) === normalizeForMatch(b);
const journeyOf = (name: string) => DEMO_JOURNEYS.find((j) => same(j.key, name) || same(j.name, name));

function touchpointExists(target: TouchpointTarget): boolean {
  const named = (tp: { key: string; name: string }) => same(tp.key, target.touchpoint) || same(tp.name, target.touchpoint);
  if (target.journey !== undefined) return journeyOf(target.journey)?.touchpoints.some(named) ?? false;
  return DEMO_JOURNEYS.flatMap((j) => j.touchpoints).filter(named).length === 1;
}

/** The concrete commands in a help text: backticked `/journey …`, optional [args] dropped, templates (<…>, …, |) skipped. */
function examples(text: string): string[] {
  return [...text.matchAll(/`(\/journey[^`]*)`/g)]
    .map((m) => (m[1] ?? '').replace(/\s*\[[^\]]*\]/g, '').trim())
    .filter((c) => !/[<>…|]/.test(c));
}

/** What an example names: journeys and touchpoint targets, as the subcommand would read them. */
function namesIn(command: string): { journeys: string[]; targets: TouchpointTarget[] } {
  const args = command.replace(/^\/journey\s*/, '');
  const parsed = parseJourneyCommand(args, EXTENSIONS);
  if (!parsed.ok) throw new Error(`help example does not parse: ${command} (${parsed.error.code})`);
  const c = parsed.command;
  switch (c.kind) {
    case 'show':
      return { journeys: [c.journey], targets: [] };
    case 'touchpoint':
    case 'log':
      return { journeys: [], targets: [c.target] };
    case 'actions':
      return { journeys: [], targets: c.filter.kind === 'touchpoint' ? [c.filter.target] : [] };
    case 'extension': {
      const words = commandWords(c.args);
      if (words === 'unbalanced') throw new Error(`unbalanced quote in ${command}`);
      if (c.name === 'digest' && words[0] === 'weekly') {
        const rest = words.slice(3);
        return { journeys: rest[0]?.includes('/') ? rest.slice(1) : rest, targets: [] };
      }
      if (c.name === 'alert' && words[0] !== 'remove') {
        const scope = words[1];
        if (scope === undefined || scope === '*') return { journeys: [], targets: [] };
        const target = scope.includes('/') ? parseTarget(scope) : null;
        return target ? { journeys: [], targets: [target] } : { journeys: [scope], targets: [] };
      }
      return { journeys: [], targets: [] };
    }
    default:
      return { journeys: [], targets: [] };
  }
}

function periodOf(command: string): string | undefined {
  const parsed = parseJourneyCommand(command.replace(/^\/journey\s*/, ''), EXTENSIONS);
  if (!parsed.ok) return undefined;
  const c = parsed.command;
  return c.kind === 'list' || c.kind === 'show' || c.kind === 'touchpoint' ? c.period : undefined;
}

describe('help examples work on the demo data', () => {
  for (const locale of ['en', 'ja'] as const satisfies readonly Locale[]) {
    it(`every journey and journey/touchpoint named in /journey help exists in the demo (${locale})`, () => {
      const extensions = Object.entries(EXTENSION_HELP).map(([name, line]) => ({ name, line: line[locale] }));
      const texts = [buildHelpMessage(locale, extensions).text, t(locale, 'digest.cmd.usage'), t(locale, 'alert.cmd.usage'), t(locale, 'alert.cmd.listEmpty')];
      const commands = texts.flatMap(examples);
      const missing: string[] = [];
      let named = 0;
      for (const command of commands) {
        const { journeys, targets } = namesIn(command);
        named += journeys.length + targets.length;
        for (const j of journeys) if (!journeyOf(j)) missing.push(`${command}: journey ${j}`);
        for (const tp of targets) if (!touchpointExists(tp)) missing.push(`${command}: ${tp.journey ?? ''}/${tp.touchpoint}`);
        // The period, weekday and time an example gives are ones the command takes.
        const period = periodOf(command);
        if (period !== undefined && !parsePeriod(period).ok) missing.push(`${command}: period ${period}`);
        const digest = /^\/journey digest weekly (\S+) (\S+)/.exec(command);
        if (digest && (!weekdayFromName(digest[1] ?? '') || !parseClock(digest[2] ?? ''))) missing.push(`${command}: schedule`);
      }
      expect(missing).toEqual([]);
      // The digest and alert examples are among those checked, not skipped as templates.
      expect(commands).toContain('/journey alert nps-below online-purchase/checkout 20');
      expect(commands).toContain(locale === 'ja' ? '/journey digest weekly 月 9:00 Asia/Tokyo online-purchase' : '/journey digest weekly mon 09:00 Asia/Tokyo online-purchase');
      expect(named).toBeGreaterThanOrEqual(6);
    });
  }

  it('the check catches an example that names something not in the demo', () => {
    expect(touchpointExists({ journey: 'checkout', touchpoint: 'payment' })).toBe(false);
    expect(journeyOf('checkout')).toBeUndefined();
    expect(namesIn('/journey alert nps-below checkout/payment 20').targets).toEqual([{ journey: 'checkout', touchpoint: 'payment' }]);
  });
});
