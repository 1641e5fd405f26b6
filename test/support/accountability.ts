/** The shipped example's accountability rules (seed 002 §4) on the test organisation: finance is fin.ma (finance_vp). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.ts';
import type { OrgConfig } from '../../src/config/schema.ts';
import { testConfig } from './org.ts';

export const SHIPPED_CONFIG = fileURLToPath(new URL('../../kesu.config.yaml', import.meta.url));

export function shippedAccountability(): OrgConfig['accountability'] {
  return parseConfig(readFileSync(SHIPPED_CONFIG, 'utf8'), 'kesu.config.yaml').accountability;
}

export function accountabilityConfig(): OrgConfig {
  return { ...testConfig(), accountability: shippedAccountability() };
}
