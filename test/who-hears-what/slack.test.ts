/** README's who-hears-what table on Slack (fake Web API): every row played through signed requests to the real Bolt app, its messages read from the Web API calls. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSlack, type SlackRun } from '../support/slack.ts';
import { playRow, type Platform } from './check.ts';
import { slackPlatform } from './slack-platform.ts';
import { ROWS } from './rows.ts';

describe('who hears what on Slack', () => {
  // One Kesu for the rows that leave the clock alone (each files its own complaint), one per row that moves it.
  let shared: SlackRun;
  let platform: Platform;
  beforeAll(async () => {
    shared = await startSlack();
    platform = slackPlatform(shared);
  });
  afterAll(async () => {
    await shared?.cleanup();
  });

  for (const row of ROWS.filter((r) => !r.movesClock)) {
    it(row.name, async () => {
      await playRow(row, platform);
    });
  }

  for (const row of ROWS.filter((r) => r.movesClock)) {
    it(row.name, async () => {
      const own = await startSlack();
      try {
        await playRow(row, slackPlatform(own));
      } finally {
        await own.cleanup();
      }
    });
  }
});
