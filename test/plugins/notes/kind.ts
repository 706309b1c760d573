/**
 * The `note` kind of the test-only notes plugin: short texts written in
 * notebooks, with comments. Declared here only, through the kind registry.
 */
import { z } from 'zod';
import { defineKind, type ItemSummary } from '../../../src/plugin.ts';
import { personKey } from '../../../src/model/person.ts';

export const NOTE_KIND = 'note';

const Person = z.strictObject({ username: z.string().min(1), name: z.string().min(1) });

export const Note = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  notebook: z.string().min(1),
  author: Person,
  created: z.string(),
  updated: z.string(),
  text: z.string(),
  comments: z.array(z.strictObject({ author: Person, when: z.string(), text: z.string() })).default([]),
});
export type Note = z.infer<typeof Note>;

export interface NoteSummary extends ItemSummary {
  author: string;
  comments: number;
}

export const noteKind = defineKind<Note, NoteSummary>({
  kind: NOTE_KIND,
  label: { one: 'note', many: 'notes' },
  nav: { id: 'notes', path: 'notes/' },
  placeLabel: { one: 'notebook', many: 'notebooks' },
  schema: Note,
  summarise: ({ source, data: n }) => ({
    key: `${source}:${n.id}`,
    kind: NOTE_KIND,
    source,
    title: n.title,
    created: n.created,
    updated: n.updated,
    place: n.notebook,
    path: `notes/${source}/${n.id}/`,
    author: personKey(source, n.author.username),
    comments: n.comments.length,
  }),
  accounts: ({ data: n }) =>
    [n.author, ...n.comments.map((c) => c.author)].map((p) => [p.username, { id: p.username, name: p.name, username: p.username, isBot: false }] as [string, { id: string; name: string; username: string; isBot: boolean }]),
  activity: ({ source, data: n }) => [
    { who: personKey(source, n.author.username), act: 'wrote', when: n.created },
    ...n.comments.map((c) => ({ who: personKey(source, c.author.username), act: 'commented', when: c.when })),
  ],
  acts: { wrote: { counted: 'notes written', did: 'wrote' }, commented: { counted: 'comments on notes', did: 'commented on' } },
  settle(s, ctx) {
    s.title = ctx.redact(s.title);
  },
  search: ({ source, data: n }, s, people) => {
    const shown = (username: string) => (people.isHidden(personKey(source, username)) ? undefined : people.person(personKey(source, username)));
    const author = shown(n.author.username);
    const comments = n.comments.filter((c) => shown(c.author.username));
    return {
      id: `${source}:note:${n.id}`,
      path: s.path,
      title: s.title,
      body: people.redact([n.text, ...comments.map((c) => c.text)].join('\n\n')),
      people: author ? [author.name, author.username].filter(Boolean).join(' ') : undefined,
      source,
      kind: NOTE_KIND,
      project: n.notebook,
      date: n.updated,
    };
  },
  page: ({ source, data: n }, s, people) => ({
    title: s.title,
    facts: [
      { label: 'Author', person: personKey(source, n.author.username) },
      { label: 'Notebook', text: n.notebook },
      { label: 'Written', time: n.created },
      { label: 'Updated', time: n.updated },
    ],
    sections: [
      { heading: 'Note', paragraphs: [people.redact(n.text)] },
      {
        heading: `Comments (${n.comments.length})`,
        entries: n.comments
          .filter((c) => !people.isHidden(personKey(source, c.author.username)))
          .map((c) => ({ who: personKey(source, c.author.username), when: c.when, text: people.redact(c.text) })),
      },
    ],
  }),
});
