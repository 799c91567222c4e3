import type { IncomingMessage, ServerResponse } from 'node:http';

/** Slack's own tolerance for request timestamps (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Bolt's HTTPReceiver refuses timestamps older than five minutes but accepts ones in the future,
 * so a captured request signed with a future timestamp could be replayed for as long as the
 * attacker chose. This wrapper answers 401 before Bolt sees such a request. The signature check
 * itself stays Bolt's. Uses the wall clock, like Bolt, not the app's injectable business clock.
 */
export function refuseFutureTimestamps(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  wallClockMs: () => number = () => Date.now(),
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const raw = Array.isArray(header) ? header[0] : header;
    if (raw !== undefined) {
      const ts = Number(raw);
      if (!Number.isFinite(ts) || ts > Math.floor(wallClockMs() / 1000) + MAX_CLOCK_SKEW_SECONDS) {
        req.resume();
        res.writeHead(401);
        res.end();
        return;
      }
    }
    listener(req, res);
  };
}

/** The workspace and app a payload claims to come from, whatever its kind (command, interaction, event). */
export function payloadOrigin(body: unknown): { teamId?: string; appId?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const teamId = str(b.team_id) ?? str(obj(b.team).id) ?? str(obj(b.user).team_id) ?? str(obj(b.view).team_id);
  const appId = str(b.api_app_id) ?? str(obj(b.view).app_id);
  return { ...(teamId ? { teamId } : {}), ...(appId ? { appId } : {}) };
}
