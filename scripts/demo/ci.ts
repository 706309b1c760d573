import type { ProjectName } from './community.ts';
import { vocabulary } from './phrases.ts';
import type { Rng } from './prng.ts';

/** Text of CI reports, in the shape Zuul and a typical third-party CI post them. */

const ZUUL = 'https://zuul.aurora.example/t/aurora';

function duration(rng: Rng, medianSeconds: number): string {
  const s = Math.max(40, Math.round(rng.logNormal(medianSeconds, 0.4)));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}h ${String(m).padStart(2, '0')}m ${sec}s` : `${m}m ${sec}s`;
}

export function zuulMessage(rng: Rng, project: ProjectName, _number: number, _ps: number, pipeline: 'check' | 'gate', pass: boolean): string {
  return zuulReport(rng, vocabulary(project).jobs, project, pipeline, pass);
}

/** A Zuul report for a project with these jobs (the specs repository has its own, outside the vocabulary). */
export function zuulReport(rng: Rng, projectJobs: readonly string[], project: string, pipeline: 'check' | 'gate', pass: boolean): string {
  // The voting core jobs always run; the heavier ones depend on the files touched.
  const jobs = projectJobs.filter((_, i) => i < 2 || rng.chance(0.4));
  const failing = pass ? -1 : 2 + Math.floor(rng.next() * Math.max(1, jobs.length - 2));
  const lines = jobs.map((job, i) => {
    const status = i === failing ? rng.pick(['FAILURE', 'FAILURE', 'TIMED_OUT', 'POST_FAILURE']) : 'SUCCESS';
    const median = job.includes('tempest') || job.includes('grenade') || job.includes('multinode') ? 4200 : job.includes('pep8') || job.includes('lint') ? 240 : 900;
    return `- ${job} ${ZUUL}/build/${rng.hex(32)} : ${status} in ${duration(rng, median)}`;
  });
  const nonVoting = rng.chance(0.2) ? [`- ${project.split('/')[1]}-tempest-experimental ${ZUUL}/build/${rng.hex(32)} : FAILURE in ${duration(rng, 3000)} (non-voting)`] : [];
  const head = pass
    ? `Build succeeded (${pipeline} pipeline).`
    : `Build failed (${pipeline} pipeline).  For information on how to proceed, see\nhttps://docs.aurora.example/infra/manual/developers.html#automated-testing`;
  return `${head}\n\n${ZUUL}/buildset/${rng.hex(32)}\n\n${[...lines, ...nonVoting].join('\n')}`;
}

export function sunbeamMessage(rng: Rng, number: number, ps: number, pass: boolean): string {
  const job = 'sunbeam-tempest-volume-iscsi';
  const url = `http://ci.sunbeam-storage.example/logs/${number}/${ps}/${rng.int(1000, 99999)}/`;
  return [
    pass ? 'Build succeeded.' : 'Build failed.',
    `- ${job} ${url} : ${pass ? 'SUCCESS' : 'FAILURE'} in ${duration(rng, 3300)}`,
    'For information about Sunbeam Storage CI, see https://wiki.aurora.example/ThirdPartyCI/Sunbeam',
  ].join('\n\n');
}
