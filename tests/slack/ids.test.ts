import { describe, expect, it } from 'vitest';
import { Actions, ActionId } from '../../src/slack/ids.js';
import { createSubcommandTable } from '../../src/slack/listeners/commands/subcommands.js';

/** Ids are defined with the schema of their value: a builder cannot make a button its listener would refuse. */
describe('action definitions', () => {
  it('encode what the listener decodes, and refuse forged or outdated values', () => {
    const button = Actions.journeyShare.button({ text: 'Share', value: { v: 'journey', j: 3, p: '30d' } });
    expect(button.action_id).toBe('jp_journey_share');
    expect(Actions.journeyShare.decode(button.value)).toEqual({ v: 'journey', j: 3, p: '30d' });
    expect(Actions.journeyShare.decode('{"v":"journey","j":-1,"p":"30d"}')).toBeNull();
    expect(Actions.journeyShare.decode('not json')).toBeNull();
    expect(Actions.alertAcknowledge.decode(JSON.stringify({ i: 7, extra: true }))).toEqual({ i: 7 });
    // @ts-expect-error an alert button carries an incident id, not a view: the compiler refuses it
    expect(() => Actions.alertAcknowledge.button({ text: 'Ack', value: { v: 'list', p: '7d' } })).toThrow();
  });

  it('suffixed ids share one listener pattern', () => {
    const b = Actions.journeyPeriod.button('7d', { text: '7d', value: { v: 'list', p: '7d' } });
    expect(b.action_id).toBe('jp_journey_period:7d');
    expect(Actions.journeyPeriod.pattern.test(b.action_id ?? '')).toBe(true);
    expect(Actions.journeyPeriod.pattern.test('jp_journey_periodical')).toBe(false);
  });

  it('lists every action id once', () => {
    const ids = Object.values(ActionId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('subcommand table', () => {
  it('belongs to one app: two tables never see each other’s entries, and a name is registered once', () => {
    const a = createSubcommandTable();
    const b = createSubcommandTable();
    const entry = { name: 'digest', handler: async () => undefined, help: { en: 'e', ja: 'j' } };
    a.add(entry);
    expect(a.find('DIGEST')?.name).toBe('digest');
    expect(b.find('digest')).toBeUndefined();
    expect(() => a.add(entry)).toThrow(/registered twice/);
    expect(() => b.add({ ...entry, name: 'Bad Name' })).toThrow(/lowercase/);
  });
});
