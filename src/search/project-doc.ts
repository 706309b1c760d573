import type { Place } from '../catalog/types.ts';
import { day } from '../lib/format.ts';
import { maskEmail } from '../model/person.ts';
import type { SearchDoc } from './types.ts';

/**
 * A project's page as a search document (pure): the name as title, its counts
 * and the span of its activity as body. The people and reviews it lists are
 * left to their own documents, so a name finds the person and their changes
 * before the projects they work on.
 */
export function projectToDoc(project: Place): SearchDoc {
  const changes = project.byKind.change ?? 0;
  const f = project.facets.change ?? {};
  const body = [
    `${capital(project.label.one)} ${project.name} in ${project.source}: ${changes} changes, ${f.merged ?? 0} merged, ${f.open ?? 0} open, ${f.abandoned ?? 0} abandoned, ${project.contributors} contributors.`,
    project.firstActivity && project.lastActivity && `Activity from ${day(project.firstActivity)} to ${day(project.lastActivity)}.`,
  ].filter(Boolean);
  return {
    id: `${project.source}:project:${project.name}`,
    path: project.path,
    title: maskEmail(project.name),
    body: maskEmail(body.join(' ')),
    source: project.source,
    kind: 'project',
    project: project.name,
    date: project.lastActivity ?? '',
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
