/** What every Feishu handler needs, built once by the Feishu platform's factory (index.ts). */
import type { Client } from '@larksuiteoapi/node-sdk';
import type { Interactions } from '../../interaction/index.ts';
import type { FeishuIdentity } from './identity.ts';

export interface FeishuContext {
  io: Interactions;
  client: Client;
  identity: FeishuIdentity;
  /** Forget cached tenant tokens (Feishu answered 99991663: the token is no longer valid). */
  resetToken(): void;
}

/** A handler for one event type; what it returns is the HTTP answer (card callbacks: toast and card). */
export type Handlers = Record<string, (data: any) => Promise<unknown>>;
