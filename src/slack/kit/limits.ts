/**
 * Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). A payload past any of
 * them is rejected whole with `invalid_blocks`, so every message goes through finalizeMessage().
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  contextText: 3000,
  imageUrl: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  /** chat.postMessage truncates `text` past 40,000 characters. */
  messageText: 40_000,
  /** Modal titles, and submit/close labels. */
  viewTitle: 24,
} as const;

export type Surface = 'message' | 'modal' | 'home';

export function maxBlocks(surface: Surface): number {
  return surface === 'message' ? LIMITS.blocksPerMessage : LIMITS.blocksPerView;
}
