import type { ProjectSummary } from '../catalog/types.ts';
import { day } from '../lib/format.ts';
import { maskEmail } from '../model/person.ts';
import type { SearchDoc } from './types.ts';

/**
 * A project's page as a search document (pure): the name as title, its counts
 * and the span of its activity as body. The people and reviews it lists are
 * left to their own documents, so a name finds the person and their changes
 * before the projects they work on.
 */
export function projectToDoc(project: ProjectSummary, firstActivity?: string): SearchDoc {
  const body = [
    `Project ${project.name} in ${project.source}: ${project.changes} changes, ${project.merged} merged, ${project.open} open, ${project.abandoned} abandoned, ${project.contributors} contributors.`,
    firstActivity && project.lastActivity && `Activity from ${day(firstActivity)} to ${day(project.lastActivity)}.`,
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
