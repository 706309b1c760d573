import { describe, expect, it } from 'vitest';
import { GerritSourceConfig } from '../config/schema.ts';
import { defineDriver, type SourceDriver, type SyncContext } from './types.ts';

const ctx = (config: unknown) => ({ config, full: false, meta: {} }) as unknown as SyncContext;

describe('defineDriver', () => {
  it('passes its own sources through and refuses another type instead of casting it', async () => {
    const seen: string[] = [];
    const typed: SourceDriver<GerritSourceConfig> = {
      type: 'gerrit',
      kinds: ['change'],
      sync: async (c) => {
        seen.push(c.config.url);
        return { complete: true };
      },
    };
    const driver = defineDriver(typed);
    expect(driver).toMatchObject({ type: 'gerrit', kinds: ['change'] });
    expect(driver.confirmGone).toBeUndefined();
    const config = GerritSourceConfig.parse({ id: 'g', type: 'gerrit', url: 'https://review.example.org' });
    await expect(driver.sync(ctx(config))).resolves.toEqual({ complete: true });
    expect(seen).toEqual(['https://review.example.org']);
    await expect(driver.sync(ctx({ ...config, type: 'pipermail' }))).rejects.toThrow('the gerrit driver was given a source of type "pipermail"');
  });
});
