/**
 * Delivers to the terminal: what `npm start` does with reminders and escalations while no chat
 * platform (and, until it lands, no web console) is attached — nothing is consumed unseen.
 */
import type { Deliverer, OutboundMessage } from './deliverer.ts';

export class ConsoleDeliverer implements Deliverer {
  readonly platform = 'local' as const;
  readonly perTargetPerSecond = 1000;
  constructor(private readonly write: (line: string) => void = (l) => process.stdout.write(l + '\n')) {}

  async deliver(m: OutboundMessage): Promise<{ messageId: string }> {
    const to = m.direct ? `@${m.address}` : m.address;
    this.write(`[${m.kind} → ${to}] ${m.view.text.replace(/\n/g, '\n    ')}`);
    return { messageId: `console:${m.id}` };
  }
}
