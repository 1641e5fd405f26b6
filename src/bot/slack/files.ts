/**
 * Files on Slack (files.uploadV2: get an upload URL, send the bytes, complete the upload into a
 * conversation). Files are shared to conversations, so a person's DM channel is opened first.
 */
import type { WebClient } from '@slack/web-api';
import { chartPng } from '../../notifiers/render/chart.ts';
import { messagePayload, textPayload } from '../../notifiers/render/slack/blocks.ts';
import { fit } from '../../notifiers/views/fit.ts';
import type { MessageView } from '../../notifiers/views/types.ts';

/** Slack's refusals of a file (no files:write yet, uploads off in the workspace): the message can still go as text. */
export const FILE_REFUSALS = new Set(['missing_scope', 'not_allowed_token_type', 'no_permission', 'restricted_action', 'file_uploads_disabled', 'file_uploads_except_images_disabled']);

export const refusedFile = (e: unknown) => FILE_REFUSALS.has((e as { data?: { error?: string } }).data?.error ?? '');

/** The DM channel with a user (conversations.open; needs im:write). */
export async function dmChannel(client: WebClient, user: string): Promise<string> {
  const res = await client.conversations.open({ users: user });
  return res.channel!.id!;
}

type Completed = Array<{ files?: Array<{ id?: string }> }>;

/** The view as one message: the chart as a PNG (twice the size, sharp on any screen) with the view's blocks. Returns the file id. */
export async function shareChart(client: WebClient, channel: string, view: MessageView): Promise<string | undefined> {
  const chart = view.chart!;
  const res = await client.filesUploadV2({
    channel_id: channel,
    file: await chartPng(chart, 2),
    filename: `${chart.fileName}.png`,
    title: chart.title,
    alt_text: fit(chart.alt, 1000),
    blocks: messagePayload(view).blocks,
  });
  return (res.files as unknown as Completed)[0]?.files?.[0]?.id;
}

/** Several files in one message with a comment (mrkdwn like a message's text: escaped); the first file's id. */
export async function shareFiles(client: WebClient, channel: string, comment: string, files: Array<{ name: string; bytes: Buffer }>): Promise<string | undefined> {
  const res = await client.filesUploadV2({
    channel_id: channel,
    initial_comment: textPayload(comment).text,
    file_uploads: files.map((f) => ({ file: f.bytes, filename: f.name, title: f.name })),
  });
  return (res.files as unknown as Completed)[0]?.files?.[0]?.id;
}
