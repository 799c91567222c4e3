import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { payloadOrigin, refuseFutureTimestamps } from '../../src/slack/requestGuard.js';
import { blockActionPayload, slashCommandBody, viewSubmissionPayload } from '../helpers/slackRequests.js';

describe('payloadOrigin', () => {
  it('finds team and app ids in every payload shape', () => {
    const command = Object.fromEntries(new URLSearchParams(slashCommandBody({ text: '', responseUrl: 'http://x', teamId: 'T1', appId: 'A1' })));
    expect(payloadOrigin(command)).toEqual({ teamId: 'T1', appId: 'A1' });
    expect(payloadOrigin(blockActionPayload({ actionId: 'a', teamId: 'T2', appId: 'A2' }))).toEqual({ teamId: 'T2', appId: 'A2' });
    expect(payloadOrigin(viewSubmissionPayload({ callbackId: 'c', values: {}, teamId: 'T3', appId: 'A3' }))).toEqual({ teamId: 'T3', appId: 'A3' });
    expect(payloadOrigin({ type: 'event_callback', team_id: 'T4', api_app_id: 'A4', event: {} })).toEqual({ teamId: 'T4', appId: 'A4' });
    // Enterprise Grid interactions may carry team: null; the user's team is used then.
    expect(payloadOrigin({ team: null, user: { team_id: 'T5' }, api_app_id: 'A5' })).toEqual({ teamId: 'T5', appId: 'A5' });
    expect(payloadOrigin(undefined)).toEqual({});
  });
});

describe('refuseFutureTimestamps', () => {
  const now = 1_700_000_000_000;
  function run(ts: string | undefined): { status?: number; passed: boolean } {
    const out: { status?: number; passed: boolean } = { passed: false };
    const guarded = refuseFutureTimestamps(() => {
      out.passed = true;
    }, () => now);
    const req = { headers: ts === undefined ? {} : { 'x-slack-request-timestamp': ts }, resume: () => undefined } as unknown as IncomingMessage;
    const res = {
      writeHead: (s: number) => {
        out.status = s;
      },
      end: () => undefined,
    } as unknown as ServerResponse;
    guarded(req, res);
    return out;
  }
  it('lets through up to 5 minutes ahead and refuses beyond, or garbage', () => {
    expect(run(String(now / 1000 + 300))).toEqual({ passed: true });
    expect(run(String(now / 1000 + 301))).toEqual({ status: 401, passed: false });
    expect(run('soon')).toEqual({ status: 401, passed: false });
    // Missing header: Bolt refuses it itself.
    expect(run(undefined)).toEqual({ passed: true });
    expect(run(String(now / 1000 - 3600))).toEqual({ passed: true });
  });
});
