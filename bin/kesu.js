#!/usr/bin/env node
// The `kesu` command. Sources are TypeScript, run through tsx's loader: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
