/** Slack's encoded message text decoded to what the person read, and user text escaped for mrkdwn exactly once. */
import { describe, expect, it } from 'vitest';
import { decodeEntities, decodeSlackText } from '../../src/bot/slack/decode.ts';
import { md, mrkdwn } from '../../src/notifiers/render/slack/mrkdwn.ts';

const names: Record<string, string> = { U0WANG: '王建国' };
const nameOf = (id: string) => names[id];

describe('decoding Slack message text', () => {
  it('decodes the three entities, &amp; last', () => {
    expect(decodeEntities('a &lt;b&gt; &amp; c')).toBe('a <b> & c');
    expect(decodeEntities('&amp;lt; is how you write &lt;')).toBe('&lt; is how you write <');
  });

  it('user mentions become the person’s name when known, else Slack’s label, else the user ID', () => {
    expect(decodeSlackText('<@U0WANG> 请看', nameOf)).toBe('@王建国 请看');
    expect(decodeSlackText('<@U0WANG|wang> 请看', nameOf)).toBe('@王建国 请看');
    expect(decodeSlackText('<@U0NOBODY|nobody> and <@U0NOBODY>', nameOf)).toBe('@nobody and @U0NOBODY');
    expect(decodeSlackText('<@W0ENTERPRISE>')).toBe('@W0ENTERPRISE');
  });

  it('channels, broadcasts, user groups and dates read as in Slack', () => {
    expect(decodeSlackText('<#C0QUALITY01|quality> <#C0NONAME>')).toBe('#quality #C0NONAME');
    expect(decodeSlackText('<!channel> <!here> <!everyone> <!here|here>')).toBe('@channel @here @everyone @here');
    expect(decodeSlackText('<!subteam^S0QA|@qa-team> <!subteam^S0QA>')).toBe('@qa-team @S0QA');
    expect(decodeSlackText('<!date^1700000000^{date_short}|Nov 14, 2023>')).toBe('Nov 14, 2023');
  });

  it('links: label (url), a bare URL alone, and no repetition when the label is the address', () => {
    expect(decodeSlackText('<https://x.example/q?a=1&amp;b=2|报告 &amp; 附件>')).toBe('报告 & 附件 (https://x.example/q?a=1&b=2)');
    expect(decodeSlackText('<https://x.example/a>')).toBe('https://x.example/a');
    expect(decodeSlackText('<http://x.example|x.example> <mailto:a@x.example|a@x.example> <tel:+8613812345678|+8613812345678>')).toBe(
      'x.example a@x.example +8613812345678',
    );
  });

  it('a whole message as a message shortcut sends it', () => {
    const text =
      '客户 <@U0WANG> 转来：阀体 &lt;DN50&gt; 漏油 &amp; 渗水，见 <https://qa.example/r?id=7&amp;v=2|质检报告>，<#C0QUALITY01|quality> 请跟进 <!channel>';
    expect(decodeSlackText(text, nameOf)).toBe('客户 @王建国 转来：阀体 <DN50> 漏油 & 渗水，见 质检报告 (https://qa.example/r?id=7&v=2)，#quality 请跟进 @channel');
  });

  it('text without markup is left as it is', () => {
    expect(decodeSlackText('客户来电：第 3 批阀体内径超差，要求换货。')).toBe('客户来电：第 3 批阀体内径超差，要求换货。');
    expect(decodeSlackText('')).toBe('');
  });
});

describe('mrkdwn by construction', () => {
  it('escapes user text once; composing escaped parts never escapes them again', () => {
    const title = mrkdwn('<!channel> & <b>', 100);
    expect(title).toBe('&lt;!channel&gt; &amp; &lt;b&gt;');
    expect(md`*${title}* :warning:`).toBe('*&lt;!channel&gt; &amp; &lt;b&gt;* :warning:');
    expect(mrkdwn(decodeSlackText('&amp;'), 100)).toBe('&amp;'); // decoded in, escaped out: no &amp;amp;
  });
});
