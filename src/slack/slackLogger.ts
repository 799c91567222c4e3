import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../logger.js';

/**
 * Routes Bolt's and the Web API client's log lines into our JSON logger, so they get the same
 * redaction (tokens, response_url, trigger_id) as everything else.
 */
export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  let child = logger.child({ component: name });
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msgs: unknown[]) => child.debug(join(msgs)),
    info: (...msgs: unknown[]) => child.info(join(msgs)),
    warn: (...msgs: unknown[]) => child.warn(join(msgs)),
    error: (...msgs: unknown[]) => child.error(join(msgs)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      child = logger.child({ component: n });
    },
  };
}
