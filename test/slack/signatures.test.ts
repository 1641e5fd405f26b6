/**
 * Signed requests and their timestamps over HTTP: Bolt 5 refuses only stale ones, Kesu also refuses
 * a timestamp more than five minutes ahead (a signature made for later could be replayed until then).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, slashCommand } from '../support/slack-requests.ts';
import { startSlack, type SlackRun } from '../support/slack.ts';

const MINUTE = 60;
const now = () => Math.floor(Date.now() / 1000);

describe('Slack request timestamps', () => {
  let s: SlackRun;
  beforeAll(async () => {
    s = await startSlack();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  /** `/complaint help`, signed at `timestamp`: its answer goes to a response URL on the fake. */
  const help = async (timestamp: number) => {
    const before = s.fake.calls.length;
    const res = await slashCommand(s.events, { ...fixture('slash-command'), text: 'help', response_url: `${s.fake.url}response_url/help` }, { timestamp });
    return { res, before };
  };

  it.each([
    ['ten minutes ahead', 10 * MINUTE],
    ['a hundred years ahead', 100 * 365 * 24 * 60 * MINUTE],
    ['ten minutes old', -10 * MINUTE],
  ])('a correctly signed request %s gets 401 and is not handled', async (_what, offset) => {
    const { res, before } = await help(now() + offset);
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.fake.calls.slice(before).map((c) => c.method)).toEqual([]); // no users.info, no answer
  });

  it.each([
    ['now', 0],
    ['four minutes ahead (clocks drift)', 4 * MINUTE],
    ['four minutes old', -4 * MINUTE],
  ])('a correctly signed request %s gets 200 and its answer', async (_what, offset) => {
    const { res, before } = await help(now() + offset);
    expect(res.status).toBe(200);
    const answer = await s.fake.waitFor('response_url', () => true, before);
    expect(answer.args.response_type).toBe('ephemeral');
  });
});
