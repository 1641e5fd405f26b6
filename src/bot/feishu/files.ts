/**
 * Images and files on Feishu: uploaded first (im/v1/images, im/v1/files; multipart), then sent by key —
 * an image inside a card, a file as a `file` message.
 */
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Client } from '@larksuiteoapi/node-sdk';
import type { ExportFile } from '../../interaction/index.ts';
import { chartPng } from '../../notifiers/render/chart.ts';
import type { ChartView } from '../../notifiers/views/types.ts';

/**
 * A named stream: the SDK's multipart form sends a Buffer as a plain field and a stream with a `path`
 * as a file (what Feishu expects); typed as the fs.ReadStream the SDK's types ask for.
 */
function fileStream(bytes: Buffer, name: string): ReadStream {
  return Object.assign(Readable.from([bytes]), { path: name }) as unknown as ReadStream;
}

/** Upload endpoints answer with the payload's `data` only, or nothing when Feishu refused. */
export const UPLOAD_REFUSED = 234_000;

function required(key: string | undefined, what: string): string {
  if (!key) throw Object.assign(new Error(`feishu: ${what} upload refused`), { code: UPLOAD_REFUSED });
  return key;
}

/** The chart as a PNG (twice the size, sharp on any screen) uploaded for messages; its image_key. */
export async function uploadChart(client: Client, chart: ChartView): Promise<string> {
  const data = await client.im.v1.image.create({ data: { image_type: 'message', image: fileStream(await chartPng(chart, 2), `${chart.fileName}.png`) } });
  return required(data?.image_key, 'image');
}

/** An export file uploaded for a `file` message; its file_key. */
export async function uploadFile(client: Client, file: ExportFile): Promise<string> {
  const data = await client.im.v1.file.create({ data: { file_type: file.format === 'xlsx' ? 'xls' : 'stream', file_name: file.name, file: fileStream(file.bytes, file.name) } });
  return required(data?.file_key, 'file');
}
