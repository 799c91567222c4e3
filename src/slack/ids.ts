/**
 * The single source of truth for Slack identifiers: the slash command, action_ids, callback_ids and
 * block_ids. Builders, handlers, tests and manifest.yml all refer to these names; the manifest test
 * checks that every value is unique. Add ids with small additive edits (one line each).
 */
export const SLASH_COMMAND = '/journey';

/** action_id of every interactive element the app renders (buttons, selects, overflow menus). */
export const ActionId = {
  /** Shown in the generic error message; does nothing but ack. */
  noop: 'jp_noop',
  /** Journey features (issue 3): views, period switch, share, action status, the log-action modal. */
  journeyOpen: 'jp_journey_open',
  journeyPeriod: 'jp_journey_period',
  journeyShare: 'jp_journey_share',
  journeyLogAction: 'jp_journey_log_action',
  journeyViewTouchpoint: 'jp_journey_view_touchpoint',
  actionStart: 'jp_action_start',
  actionComplete: 'jp_action_complete',
  actionReopen: 'jp_action_reopen',
  homeRefresh: 'jp_home_refresh',
  logTouchpointSelect: 'jp_log_touchpoint',
  logDescriptionInput: 'jp_log_description',
  logOwnerSelect: 'jp_log_owner',
  logDueDate: 'jp_log_due',
  /** Digests and alerts (issue 4). */
  digestOpenJourney: 'jp_digest_open_journey',
  digestLogAction: 'jp_digest_log_action',
  alertAcknowledge: 'jp_alert_ack',
  alertSnooze24h: 'jp_alert_snooze_24h',
  alertSnooze7d: 'jp_alert_snooze_7d',
  alertLogAction: 'jp_alert_log_action',
  alertViewJourney: 'jp_alert_view_journey',
} as const;
export type ActionIdValue = (typeof ActionId)[keyof typeof ActionId];

/** callback_id of every modal the app opens. */
export const CallbackId = {
  logAction: 'jp_log_action_modal',
} as const satisfies Record<string, string>;
export type CallbackIdValue = (typeof CallbackId)[keyof typeof CallbackId];

/** block_id values handlers read back from view state or block_actions payloads. */
export const BlockId = {
  logTouchpoint: 'jp_log_touchpoint_block',
  logDescription: 'jp_log_description_block',
  logOwner: 'jp_log_owner_block',
  logDue: 'jp_log_due_block',
} as const satisfies Record<string, string>;
export type BlockIdValue = (typeof BlockId)[keyof typeof BlockId];
