/**
 * A test-only plugin proving the spine is general: a `notes` source type, a
 * `note` kind and a chart, declared only here and reaching sync, the store,
 * pages, search, people and charts through the registries (see
 * test/integration/plugin-kind.test.ts). Named in a config as
 * `plugins: [<path to this file>]`.
 */
import { definePlugin } from '../../../src/plugin.ts';
import { notesChart } from './chart.ts';
import { noteKind } from './kind.ts';
import { notesSource } from './source.ts';

export default definePlugin({ name: 'notes', sources: [notesSource], kinds: [noteKind], charts: [notesChart] });
