/**
 * Slack's Block Kit limits, in one table (api.slack.com/reference/block-kit). The renderers cut every
 * text to these, counting characters as Slack does (code points), and tests check every payload.
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  /** Modal title, submit and close texts. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  actionId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  options: 100,
  optionText: 75,
  optionValue: 75,
  checkboxOptions: 10,
  plainTextInputMax: 3000,
  /** A message's fallback text. */
  messageText: 40_000,
  /** All block texts of one message together: beyond about 12k characters Slack answers msg_blocks_too_long. */
  blocksTextTotal: 11_000,
} as const;

export { fit } from '../../views/fit.ts';

/** Escaping lives beside the Mrkdwn type; re-exported for the callers that import it with the limits. */
export { mrkdwn, mrkdwnEscape } from './mrkdwn.ts';
