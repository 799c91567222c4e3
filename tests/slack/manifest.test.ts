import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../src/slack/app.js';
import { ActionId, BlockId, CallbackId, SLASH_COMMAND } from '../../src/slack/ids.js';

/** manifest.yml must be a valid Slack manifest and agree with the ids the code uses. */
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  features: {
    slash_commands: { command: string; url?: string; description: string; usage_hint?: string }[];
    app_home: { home_tab_enabled?: boolean };
    bot_user: { display_name: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    event_subscriptions: { request_url?: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
};
const schema = JSON.parse(readFileSync(new URL('../fixtures/slack/manifest.schema.json', import.meta.url), 'utf8')) as object;

describe('manifest.yml', () => {
  it("validates against Slack's official manifest schema", () => {
    // The schema uses a non-standard `regex` keyword: strict mode off so Ajv ignores it.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an invalid manifest (the validation can fail)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const broken = structuredClone(manifest) as unknown as { features: { slash_commands: { command: string }[] } };
    broken.features.slash_commands[0]!.command = 'journey';
    expect(validate(broken)).toBe(false);
  });

  it('declares exactly the slash command the code listens to, pointing at the receiver', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    const cmd = manifest.features.slash_commands[0]!;
    expect(cmd.description.length).toBeGreaterThan(10);
    expect(cmd.usage_hint).toMatch(/help/);
    expect(new URL(cmd.url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
  });

  it('enables interactivity, the Home tab and app_home_opened on the same endpoint', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(new URL(manifest.settings.event_subscriptions.request_url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks only for the justified bot scopes (adding one needs a reason in manifest.yml and here)', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['channels:read', 'chat:write', 'commands', 'files:write', 'groups:read', 'users:read']);
  });
});

describe('Slack ids', () => {
  const groups: [string, Record<string, string>][] = [
    ['ActionId', ActionId],
    ['CallbackId', CallbackId],
    ['BlockId', BlockId],
  ];

  it.each(groups)('%s values are unique, non-empty and within 255 characters', (_name, ids) => {
    const values = Object.values(ids);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) {
      expect(v.length).toBeGreaterThan(0);
      expect(v.length).toBeLessThanOrEqual(255);
    }
  });

  it('action ids and callback ids never collide with each other', () => {
    const actions = new Set(Object.values(ActionId));
    const clashes = (Object.values(CallbackId) as string[]).filter((v) => actions.has(v));
    expect(clashes).toEqual([]);
  });
});
