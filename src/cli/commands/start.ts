import type { Command } from 'commander';
import { start } from '../../bot/main.ts';

export function register(program: Command): void {
  program
    .command('start')
    .description('run the bot (embedded SQLite and the local console unless chat credentials are set)')
    .action(async () => {
      await start();
    });
}
