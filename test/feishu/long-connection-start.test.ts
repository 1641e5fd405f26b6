/**
 * Starting Feishu's long connection with wrong settings fails at once, saying what to fix: a malformed
 * FEISHU_APP_ID is a settings error naming the variable and its shape; credentials Feishu refuses
 * (a wrong app secret) reject the start, and `kesu start` exits non-zero in both cases. Feishu out of
 * reach is no settings error: Kesu starts, says so as an error, and the SDK keeps retrying.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env.ts';
import { isKesuError } from '../../src/errors.ts';
import { kesu, tempWorkspace } from '../support/cli.ts';
import { EXAMPLE_CONFIG } from '../support/console.ts';
import { AUTH_FAILED } from '../support/fake-feishu-ws.ts';
import { FakeFeishu } from '../support/fake-feishu.ts';
import { WARN, ERROR, FEISHU_APP_ID, FEISHU_APP_SECRET, startFeishu, type LogLine } from '../support/feishu.ts';

const settingsError = (appId: string): unknown => {
  try {
    loadSettings({ FEISHU_APP_ID: appId, FEISHU_APP_SECRET: 's' }, '/nonexistent');
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('FEISHU_APP_ID', () => {
  it('accepts cli_ and 16 hexadecimal characters, in either case', () => {
    for (const id of ['cli_a1b2c3d4e5f60718', 'cli_9F00AB12CD34EF56', FEISHU_APP_ID]) expect(loadSettings({ FEISHU_APP_ID: id }, '/nonexistent').feishu.appId).toBe(id);
  });

  it('refuses anything else with a field-level error naming the variable and the shape', () => {
    for (const id of ['cli_a0kesu000000000', 'ffee0011ffee0011', 'cli_ffee0011ffee001', 'cli_ffee0011ffee00112', 'cli_ffee0011-fee0011']) {
      const e = settingsError(id);
      expect(isKesuError(e) && e.code, id).toBe('config_invalid');
      const err = e as Error & { fields?: Array<{ field: string; params: { message: string } }> };
      expect(err.message).toContain('FEISHU_APP_ID: must be cli_ followed by 16 hexadecimal characters');
      expect(err.message).not.toContain(id); // values are never echoed
      expect(err.fields?.map((f) => f.field)).toEqual(['FEISHU_APP_ID']);
    }
  });

  it('stops `kesu start` before anything runs', { timeout: 60_000 }, async () => {
    const ws = tempWorkspace();
    try {
      Object.assign(ws.env, { KESU_CONFIG: EXAMPLE_CONFIG, FEISHU_APP_ID: 'cli_12345', FEISHU_APP_SECRET: 's', KESU_CONSOLE: 'off', LANG: 'en', KESU_LANG: 'en' });
      const started = await kesu(['start'], ws.env);
      expect(started.code).toBe(2);
      expect(started.stderr).toContain('FEISHU_APP_ID: must be cli_ followed by 16 hexadecimal characters');
      expect(started.stdout).not.toContain('is running');
    } finally {
      ws.cleanup();
    }
  });
});

describe('credentials Feishu refuses', () => {
  let fake: FakeFeishu | undefined;

  it('reject the start with what to fix, logged once as an error; no socket is opened', async () => {
    let error: (Error & { logs?: LogLine[] }) | undefined;
    await startFeishu({ transport: 'long-connection', appSecret: 'not-the-secret', beforeStart: (f) => (fake = f) }).catch((e: Error) => (error = e));
    expect(error?.message).toMatch(new RegExp(`^feishu: Feishu refused the long connection \\(code ${AUTH_FAILED}: .*\\)\\. Check FEISHU_APP_ID and FEISHU_APP_SECRET`));
    expect(error?.message).not.toContain('not-the-secret');
    const logged = error?.logs?.filter((l) => l.level === ERROR && l.msg.startsWith('feishu: Feishu refused the long connection')) ?? [];
    expect(logged).toHaveLength(1);
    expect(error?.logs?.some((l) => /long connection (up|gave up)/.test(l.msg))).toBe(false);
    expect(fake!.ws.endpointCalls).toEqual([{ AppID: FEISHU_APP_ID, AppSecret: 'not-the-secret' }]);
    expect(fake!.ws.opened).toBe(0);
  });

  describe('with `kesu start`', () => {
    let feishu: FakeFeishu;
    const ws = tempWorkspace();
    beforeAll(async () => {
      feishu = await FakeFeishu.start();
      Object.assign(feishu.ws, { appId: FEISHU_APP_ID, appSecret: FEISHU_APP_SECRET });
      Object.assign(ws.env, { KESU_CONFIG: EXAMPLE_CONFIG, FEISHU_APP_ID, FEISHU_APP_SECRET: 'not-the-secret', FEISHU_DOMAIN: feishu.url, KESU_CONSOLE: 'off' });
    });
    afterAll(async () => {
      await feishu?.close();
      ws.cleanup();
    });

    it('exits non-zero, saying what to fix', { timeout: 60_000 }, async () => {
      const started = await kesu(['start'], ws.env);
      expect(started.code).toBe(1);
      expect(started.stderr).toContain(`kesu: feishu: Feishu refused the long connection (code ${AUTH_FAILED}`);
      expect(started.stderr).toContain('FEISHU_APP_SECRET');
      expect(started.stdout).not.toContain('is running');
    });
  });
});

describe('Feishu out of reach at start', () => {
  it('starts anyway, logging an error that names what to check; the connection is not up', async () => {
    const f = await startFeishu({ transport: 'long-connection', beforeStart: (fake) => (fake.ws.endpointDown = 1) });
    try {
      const logged = await f.waitForLog((l) => l.level === ERROR && l.msg.startsWith('feishu: cannot open the long connection yet'));
      expect(logged.msg).toContain('/callback/ws/endpoint');
      expect(logged.msg).toContain('Check FEISHU_DOMAIN');
      expect(f.running.feishu?.isUp?.()).toBe(false);
      expect(f.logs.some((l) => l.level >= WARN && /long connection (up|gave up)/.test(l.msg))).toBe(false);
    } finally {
      await f.cleanup();
    }
  });
});
