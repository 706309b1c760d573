/**
 * The `notes` source type of the test-only plugin: a folder of `<id>.json`
 * notes. Its driver follows the SourceDriver contract like Gerrit's: emit what
 * it reads, skip what it cannot use with a reason, return the cursor.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineSource } from '../../../src/plugin.ts';
import { sourceId } from '../../../src/config/schema.ts';
import { makeItem } from '../../../src/model/item.ts';
import { Note, NOTE_KIND } from './kind.ts';

export const NotesSourceConfig = z.strictObject({
  id: sourceId,
  type: z.literal('notes'),
  /** Absolute folder of `<id>.json` notes. */
  path: z.string().min(1),
});
export type NotesSourceConfig = z.infer<typeof NotesSourceConfig>;

export const notesSource = defineSource<NotesSourceConfig>({
  type: 'notes',
  config: NotesSourceConfig,
  driver: {
    type: 'notes',
    kinds: [NOTE_KIND],
    async sync(ctx) {
      const files = (await readdir(ctx.config.path)).filter((f) => f.endsWith('.json')).sort();
      let cursor = ctx.meta.cursor;
      let done = 0;
      for (const f of files) {
        const where = join(ctx.config.path, f);
        let note;
        try {
          note = Note.parse(JSON.parse(await readFile(where, 'utf8')));
        } catch (err) {
          ctx.skip(where, (err as Error).message.split('\n')[0]!);
          continue;
        }
        await ctx.emit(makeItem({ source: ctx.config.id, type: 'notes', origin: ctx.config.path, kind: NOTE_KIND, nativeId: note.id, updatedOn: note.updated, data: note }));
        if (!cursor || note.updated > cursor) cursor = note.updated;
        ctx.progress({ done: ++done, total: files.length });
      }
      return { cursor, complete: true };
    },
  },
});
