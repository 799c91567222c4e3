import type { RespondArguments, RespondFn } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { context, image, section } from '../../../src/slack/kit/blocks.js';
import { respondEphemeral } from '../../../src/slack/interactions.js';

function recorder(failFirst: boolean): { respond: RespondFn; sent: RespondArguments[] } {
  const sent: RespondArguments[] = [];
  let calls = 0;
  const respond = (async (msg: string | RespondArguments) => {
    calls += 1;
    if (typeof msg !== 'string') sent.push(msg);
    if (failFirst && calls === 1) throw new Error('invalid_blocks');
    return undefined;
  }) as unknown as RespondFn;
  return { respond, sent };
}

describe('respondEphemeral', () => {
  const withChart = { text: 'fallback', blocks: [section('numbers'), image({ slackFileId: 'F1' }, 'chart')] };

  it('sends once when Slack accepts', async () => {
    const r = recorder(false);
    await respondEphemeral(r.respond, withChart, 'en', { replace_original: true });
    expect(r.sent).toEqual([{ response_type: 'ephemeral', replace_original: true, ...withChart }]);
  });

  it('sends again without the image, with a note, when Slack refuses the first', async () => {
    const r = recorder(true);
    await respondEphemeral(r.respond, withChart, 'ja');
    expect(r.sent[1]).toEqual({ response_type: 'ephemeral', text: 'fallback', blocks: [section('numbers'), context(['現在グラフを表示できません。'])] });
  });

  it('lets the error through when there was no image to blame', async () => {
    const r = recorder(true);
    await expect(respondEphemeral(r.respond, { text: 'x', blocks: [section('x')] }, 'en')).rejects.toThrow('invalid_blocks');
  });
});
