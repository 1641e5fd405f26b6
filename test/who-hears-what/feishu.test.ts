/** README's who-hears-what table on Feishu (fake Open API): every row played through card callbacks to the real Lark client, over webhooks and over the long connection, its messages read from the Open API calls. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFeishu, type FeishuRun, type Transport } from '../support/feishu.ts';
import { playRow, type Platform } from './check.ts';
import { feishuPlatform } from './feishu-platform.ts';
import { ROWS } from './rows.ts';

describe.each<Transport>(['webhook', 'long-connection'])('who hears what on Feishu (%s)', (transport) => {
  // One Kesu for the rows that leave the clock alone (each files its own complaint), one per row that moves it.
  let shared: FeishuRun;
  let platform: Platform;
  beforeAll(async () => {
    shared = await startFeishu({ transport });
    platform = feishuPlatform(shared);
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
      const own = await startFeishu({ transport });
      try {
        await playRow(row, feishuPlatform(own));
      } finally {
        await own.cleanup();
      }
    });
  }
});
