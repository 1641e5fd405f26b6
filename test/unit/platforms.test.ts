/** Which platforms `kesu start` attaches, the console settings, and the demo clock. */
import { describe, expect, it } from 'vitest';
import { DemoClock, ManualClock } from '../../src/clock.ts';
import { loadSettings } from '../../src/config/env.ts';
import { choosePlatforms, deploymentPlatforms } from '../../src/bot/platforms.ts';
import { createDirectory } from '../../src/config/directory.ts';
import { addressesOf } from '../../src/notifiers/targets.ts';
import { testConfig } from '../support/org.ts';

const none = { slack: {}, feishu: {}, console: 'auto' as const };

describe('platform choice', () => {
  it('runs the local console when no chat platform is set up', () => {
    expect(choosePlatforms(none, ['slack', 'feishu'])).toMatchObject({ slack: false, feishu: false, local: true });
  });

  it('runs Slack and/or Feishu when their credentials are complete, and the console only when asked', () => {
    const both = { ...none, slack: { botToken: 'xoxb-1', appToken: 'xapp-1' }, feishu: { appId: 'cli_1', appSecret: 's' } };
    expect(choosePlatforms(both, ['slack', 'feishu'])).toMatchObject({ slack: true, feishu: true, local: false });
    expect(choosePlatforms({ ...both, console: 'on' }, ['slack', 'feishu'])).toMatchObject({ slack: true, feishu: true, local: true });
    const http = { ...none, slack: { botToken: 'xoxb-1', signingSecret: 'abc' } };
    expect(choosePlatforms(http, ['slack'])).toMatchObject({ slack: true, local: false });
    const half = { ...none, slack: { botToken: 'xoxb-1' }, feishu: { appId: 'cli_1' } };
    expect(choosePlatforms(half, ['slack', 'feishu'])).toMatchObject({ slack: false, feishu: false, local: true });
  });

  it('says so when credentials are set for a platform this build cannot run, and falls back to the console', () => {
    const choice = choosePlatforms({ ...none, slack: { botToken: 'xoxb-1', appToken: 'xapp-1' } }, []);
    expect(choice).toMatchObject({ slack: false, local: true });
    expect(choice.reasons).toEqual(['slack: credentials set, but this build has no slack adapter yet', 'local console: no chat platform is set up']);
  });

  it('KESU_CONSOLE=off runs no console', () => {
    expect(choosePlatforms({ ...none, console: 'off' }, [])).toMatchObject({ local: false, reasons: ['local console: off (KESU_CONSOLE=off)'] });
  });

  it('reads KESU_CONSOLE, KESU_CONSOLE_HOST and PORT (0: any free port) from the environment', () => {
    expect(loadSettings({}, '/nonexistent')).toMatchObject({ console: 'auto', consoleHost: '127.0.0.1', port: 3000 });
    expect(loadSettings({ KESU_CONSOLE: '1', KESU_CONSOLE_HOST: '0.0.0.0', PORT: '0' }, '/nonexistent')).toMatchObject({ console: 'on', consoleHost: '0.0.0.0', port: 0 });
    expect(loadSettings({ KESU_CONSOLE: 'false' }, '/nonexistent').console).toBe('off');
    expect(() => loadSettings({ KESU_CONSOLE: 'sometimes' }, '/nonexistent')).toThrow(/KESU_CONSOLE: must be auto, on or off/);
  });
});

describe('the demo clock', () => {
  it('runs with its base clock, ahead by an offset that only grows', () => {
    const base = new ManualClock('2026-03-02T01:00:00Z');
    const clock = new DemoClock(base);
    expect(clock.now().toISOString()).toBe('2026-03-02T01:00:00.000Z');
    clock.advance(3_600_000);
    base.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T02:01:00.000Z');
    expect(clock.offsetMs).toBe(3_600_000);
    clock.advanceTo(new Date('2026-03-01T00:00:00Z')); // the past: nothing happens
    expect(clock.offsetMs).toBe(3_600_000);
    clock.advanceTo(new Date('2026-03-03T02:01:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-03T02:01:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('the platforms notifications are written for', () => {
  it('are the deployment’s, the same for the bot and the CLI; with nothing attached, the terminal', () => {
    expect(deploymentPlatforms({ slack: true, feishu: false, local: false })).toEqual(['slack']);
    expect(deploymentPlatforms({ slack: true, feishu: true, local: true })).toEqual(['slack', 'feishu', 'local']);
    expect(deploymentPlatforms({ slack: false, feishu: false, local: false })).toEqual(['local']);
  });

  it('reach a person the writer knows only by config as @person, and a department without a channel through its heads', () => {
    const config = testConfig();
    config.departments[0]!.channel = { slack: 'C0QUALITY01' };
    const dir = createDirectory(config);
    expect(addressesOf({ type: 'person', id: 'q.liu' }, ['slack', 'local'], dir, config)).toEqual([
      { platform: 'slack', address: '@q.liu', direct: true },
      { platform: 'local', address: 'q.liu', direct: true },
    ]);
    expect(addressesOf({ type: 'department', key: 'quality' }, ['slack'], dir, config)).toEqual([{ platform: 'slack', address: 'C0QUALITY01', direct: false }]);
    // Sales has no Slack channel: its head s.zhou, by DM, rather than nobody.
    expect(addressesOf({ type: 'department', key: 'sales' }, ['slack'], dir, config)).toEqual([{ platform: 'slack', address: '@s.zhou', direct: true }]);
    expect(addressesOf({ type: 'cs_channel' }, ['feishu'], dir, config)).toEqual([{ platform: 'feishu', address: '@cs.zhao', direct: true }]);
    // Someone known only by another platform's ID is not addressed there; the optional GM channel is skipped when unset.
    expect(addressesOf({ type: 'person', id: 'feishu:ou_x' }, ['slack'], dir, config)).toEqual([]);
    expect(addressesOf({ type: 'gm_channel' }, ['slack'], dir, config)).toEqual([]);
  });
});
