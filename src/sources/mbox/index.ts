/**
 * The `mbox` source: one mbox file (a path, relative to the config file) or
 * URL, plain or gzip. Also the public face of the mail archive layer that the
 * pipermail and HyperKitty sources build on (as Perceval's Pipermail extends
 * MBox): they only find and download months, then hand them to `ArchiveRun`.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MboxSourceConfig } from '../../config/schema.ts';
import { gunzipIfNeeded, type Validators } from '../../lib/http/transport.ts';
import { MESSAGE_KIND, THREAD_KIND } from '../../model/mail.ts';
import type { RemovalCandidate, SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { ArchiveRun, monthOfDate } from './archive.ts';
import { ArchiveClient } from './client.ts';

export { ArchiveRun, laterOf, monthOfDate, type ArchiveMonth } from './archive.ts';
export { ArchiveClient, type Download } from './client.ts';
export { archivesSince, parseArchiveIndex, type ArchiveLink } from './pipermail.ts';

export const MAIL_KINDS = [MESSAGE_KIND, THREAD_KIND] as const;

/** The list name a URL or file stands for: its last path part without `.mbox`, `.txt`, `.gz`. */
export function listNameOf(where: string): string {
  const last = basename(where.replace(/[?#].*$/, '').replace(/\/+$/, ''));
  return decodeURIComponent(last).replace(/(\.gz)?$/i, '').replace(/\.(mbox|txt|mbx)$/i, '') || 'list';
}

interface FileState {
  size: number;
  mtimeMs: number;
}

async function syncMbox(ctx: SyncContext<MboxSourceConfig>): Promise<SyncOutcome> {
  const { config } = ctx;
  const where = config.path ?? config.url!;
  const list = config.list ?? listNameOf(where);
  let bytes: Uint8Array;
  let fallbackMonth = monthOfDate(new Date(ctx.now()));
  const meta: Record<string, unknown> = {};
  if (config.path) {
    const st = await stat(config.path).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${config.path}: ${err.code ?? err.message}`);
    });
    const state: FileState = { size: st.size, mtimeMs: st.mtimeMs };
    const before = ctx.meta.file as FileState | undefined;
    meta.file = state;
    if (!ctx.full && before && before.size === state.size && before.mtimeMs === state.mtimeMs) {
      ctx.log.info(`${config.id}: ${config.path} has not changed since the last sync`);
      return { complete: true, meta };
    }
    bytes = gunzipIfNeeded(await readFile(config.path), config.path);
    fallbackMonth = monthOfDate(st.mtime);
  } else {
    const client = new ArchiveClient(ctx, config);
    const before = ctx.full ? undefined : (ctx.meta.validators as Validators | undefined);
    const got = await client.file(config.url!, before);
    meta.validators = got.validators;
    if (!got.changed) {
      ctx.log.info(`${config.id}: ${config.url} has not changed since the last sync (304)`);
      return { complete: true, meta };
    }
    bytes = got.bytes;
  }
  const link = config.webUrl ?? config.url;
  const run = new ArchiveRun(ctx, 'mbox', link ?? where);
  const r = await run.addMonth({ list, where, bytes, fallbackMonth, since: ctx.windowStart?.toISOString(), ...(link ? { url: link } : {}) });
  // The file is the whole archive: a full run threads only what it holds now.
  const t = await run.finish(list, { fresh: ctx.full });
  ctx.log.info(`${config.id}: ${r.messages} messages (${r.skipped} skipped) in ${t.threads} threads`);
  return { complete: true, cursor: run.newestDate, meta };
}

export const mboxDriver: SourceDriver<MboxSourceConfig> = {
  type: 'mbox',
  kinds: MAIL_KINDS,
  sync: syncMbox,
  // The file is the whole archive: after a complete full read, what it no longer holds is gone.
  confirmGone: async (_ctx, candidates: readonly RemovalCandidate[]) => new Set(candidates.map((c) => c.nativeId)),
};
