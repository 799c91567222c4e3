import { finalizeMessage, section, type Message } from '../kit/blocks.js';

/** A short ephemeral answer (errors, confirmations): one section, same text as the fallback. */
export function noticeMessage(text: string): Message {
  return finalizeMessage({ text, blocks: [section(text)] });
}
