/**
 * The baseline for bench/load.bench.ts: a bare Bolt app (HTTP receiver) that only acks
 * `/journey`, run as its own process like the bot. PORT and SLACK_SIGNING_SECRET from env.
 */
import { App, HTTPReceiver } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: ['/slack/events'] });
const app = new App({ receiver, authorize: () => Promise.resolve({ botToken: 'xoxb-bare', botId: 'B0BARE', botUserId: 'U0BARE' }) });
app.command('/journey', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT ?? 0));
process.send?.('ready');
