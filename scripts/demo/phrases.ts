import type { Rng } from './prng.ts';
import type { ProjectName } from './community.ts';

/** Phrase lists the demo composes subjects, commit bodies and review comments from. */

interface ProjectVocabulary {
  module: string;
  things: string[];
  areas: string[];
  dirs: string[];
  ext: string[];
  jobs: string[];
}

const VOCAB: Record<ProjectName, ProjectVocabulary> = {
  'aurora/compute': {
    module: 'aurora_compute',
    things: ['volume detach', 'instance resize', 'live migration', 'server rebuild', 'host aggregate sync', 'quota usage refresh', 'placement allocation', 'evacuate', 'snapshot upload', 'console token'],
    areas: ['quota', 'servers', 'flavors', 'aggregates', 'keypairs', 'migrations', 'hypervisors', 'server groups'],
    dirs: ['scheduler/filters', 'api/openstack/compute', 'virt/libvirt', 'conductor', 'compute', 'objects', 'db/main', 'tests/unit/api', 'tests/functional'],
    ext: ['py'],
    jobs: ['aurora-tox-pep8', 'aurora-tox-py311', 'aurora-tox-py312', 'aurora-tox-functional', 'aurora-tempest-full', 'aurora-grenade', 'aurora-multinode-live-migration', 'aurora-docs-build'],
  },
  'aurora/network': {
    module: 'aurora_network',
    things: ['router gateway update', 'DHCP port binding', 'security group rule sync', 'floating IP disassociation', 'OVN DB resync', 'subnet pool allocation', 'trunk port cleanup', 'L3 agent failover'],
    areas: ['ports', 'routers', 'security groups', 'QoS policies', 'subnets', 'address scopes', 'network segments'],
    dirs: ['agent/l3', 'agent/dhcp', 'plugins/ml2/drivers/ovn', 'db/migration', 'services/qos', 'api/extensions', 'tests/unit/agent', 'tests/functional/db'],
    ext: ['py'],
    jobs: ['aurora-tox-pep8', 'aurora-tox-py311', 'aurora-tox-py312', 'network-functional', 'network-tempest-ovn', 'network-tempest-linuxbridge', 'network-grenade-multinode'],
  },
  'aurora/dashboard': {
    module: 'aurora_dashboard',
    things: ['instance table pagination', 'project switcher', 'volume launch form', 'login redirect', 'session timeout banner', 'flavor picker', 'network topology view', 'keypair import modal'],
    areas: ['instances panel', 'identity panel', 'volumes panel', 'network panel', 'admin overview', 'settings page'],
    dirs: ['static/app/core', 'static/app/workflows', 'dashboards/project/instances', 'dashboards/admin', 'templates/auth', 'tests/unit', 'locale'],
    ext: ['py', 'js', 'html', 'scss'],
    jobs: ['aurora-tox-pep8', 'dashboard-nodejs-npm-run-lint', 'dashboard-nodejs-npm-run-test', 'aurora-tox-py311', 'dashboard-selenium-headless', 'dashboard-integration-tests'],
  },
  'aurora/docs': {
    module: 'doc',
    things: ['install guide', 'upgrade notes', 'network troubleshooting section', 'API reference links', 'contributor guide', 'release cadence page', 'glossary'],
    areas: ['install guide', 'admin guide', 'configuration reference', 'contributor guide', 'security guide'],
    dirs: ['source/install', 'source/admin', 'source/contributor', 'source/configuration', 'source/_static', 'source/security'],
    ext: ['rst'],
    jobs: ['aurora-tox-docs', 'aurora-tox-linters', 'docs-build-pdf', 'docs-link-check'],
  },
};

export function vocabulary(project: ProjectName): ProjectVocabulary {
  return VOCAB[project];
}

const SUBJECT_TEMPLATES = [
  'Fix race in {thing}',
  'Fix {thing} when the host is unreachable',
  'Add unit tests for {area} API',
  'Add functional test for {thing}',
  'Remove deprecated {option} option',
  'Deprecate the {option} option',
  'Refactor {thing} into a helper',
  'Log a warning when {thing} times out',
  'Handle missing {area} gracefully',
  'Do not retry {thing} on 4xx errors',
  'Make {thing} idempotent',
  'Use oslo-style config for {option}',
  'Add policy defaults for {area}',
  'Support {area} in the v2.1 API',
  'Speed up {thing} for large deployments',
  'Clean up unused imports in {dir}',
  'Cap retries for {thing}',
  'Add release note for {thing} fix',
  'Drop Python 3.8 support',
  'Bump hacking to 6.1.0',
  'Replace deprecated utcnow() calls',
  'Enable mypy on {dir}',
  'Fix typo in {area} error message',
];
const DOC_TEMPLATES = ['[docs] Clarify the {thing}', '[docs] Update {area} for the {release} release', '[docs] Fix broken links in the {thing}', '[docs] Document {option}', 'Fix rst formatting in the {thing}'];
const OPTIONS = ['allow_resize_to_same_host', 'max_concurrent_builds', 'dhcp_lease_duration', 'enable_isolated_metadata', 'session_timeout', 'cpu_allocation_ratio', 'api_workers', 'rpc_response_timeout', 'use_journal'];

export function subjectFor(rng: Rng, project: ProjectName, release: string): string {
  const v = VOCAB[project];
  const templates = project === 'aurora/docs' || rng.chance(0.06) ? DOC_TEMPLATES : SUBJECT_TEMPLATES;
  return rng
    .pick(templates)
    .replace('{thing}', rng.pick(v.things))
    .replace('{area}', rng.pick(v.areas))
    .replace('{option}', rng.pick(OPTIONS))
    .replace('{dir}', `${v.module}/${rng.pick(v.dirs)}`)
    .replace('{release}', release);
}

const BODY_OPENERS = [
  'When {thing} runs concurrently with a delete, the second caller can see a stale record and fail with a 500.',
  'The current implementation re-reads the whole table on every call, which is slow on large deployments.',
  'Operators reported that the error returned here does not say which resource was missing.',
  'This was only covered by tempest so far; add targeted tests so regressions show up earlier.',
  'The option has been deprecated for two cycles and nothing in tree reads it anymore.',
  'This moves the logic into a small helper so it can be unit tested without a database.',
  'Under load the retry loop never gives up, which keeps workers busy for hours.',
];
const BODY_DETAILS = [
  'A lock around the critical section is enough here since both paths run in the same service.',
  'The behaviour is unchanged for existing deployments.',
  'A release note is included.',
  'No API change.',
  'The new test fails without the fix and passes with it.',
  'Follow-up patches will convert the remaining callers.',
  'This matches what the other services already do.',
];
const FOOTERS = ['Closes-Bug: #{bug}', 'Related-Bug: #{bug}', 'Partial-Bug: #{bug}', 'Implements: blueprint {bp}', 'Depends-On: https://review.aurora.example/c/aurora/network/+/{num}'];
const BLUEPRINTS = ['unified-limits', 'secure-rbac', 'ovn-migration', 'py312-support', 'api-microversion-2-95', 'dashboard-angular-removal'];

/** Body paragraphs and footers (without Change-Id / Signed-off-by, which the caller adds). */
export function commitBody(rng: Rng, project: ProjectName): string {
  const v = VOCAB[project];
  const paras = [rng.pick(BODY_OPENERS).replace('{thing}', rng.pick(v.things))];
  if (rng.chance(0.7)) paras.push(`${rng.pick(BODY_DETAILS)} ${rng.pick(BODY_DETAILS)}`);
  const footers: string[] = [];
  if (rng.chance(0.55)) {
    footers.push(rng.pick(FOOTERS).replace('{bug}', String(rng.int(2040000, 2099999))).replace('{bp}', rng.pick(BLUEPRINTS)).replace('{num}', String(rng.int(10001, 12500))));
  }
  return [...paras, ...(footers.length ? [footers.join('\n')] : [])].join('\n\n');
}

export const TOPICS = ['bug/2043118', 'secure-rbac', 'unified-limits', 'py312', 'ovn-migration', 'remove-eventlet', 'sqlalchemy-2', 'api-ref-cleanup', 'zuul-v10-jobs', 'rbac-phase2', 'release-notes'];
export const HASHTAGS = ['low-hanging-fruit', 'backport-candidate', 'rbac', 'ci-fix', 'needs-docs', 'performance', 'ptg-2025'];

export const POSITIVE = [
  'Looks good to me.', 'Nice cleanup, thanks!', 'LGTM', 'Thanks for the test coverage.', 'Good catch.', 'This reads much better now.',
  'Tested locally on a devstack, works as expected.', 'Straightforward fix, thanks.', 'Happy with this version.',
];
export const CRITICAL = [
  'I think this needs a release note since operators will notice the behaviour change.',
  'Could we add a unit test for the error path?', 'This should use the existing helper in utils rather than a new one.',
  'Nit: the log message should include the instance uuid.', 'I am not convinced the lock is needed here; see inline.',
  'Please split the refactor from the fix so the fix can be backported.', 'The commit message does not match what the code does anymore.',
  'This breaks the upgrade path from the previous release, see inline.', 'The new option needs a help string.',
];
export const REPLIES = ['Done, thanks for the review.', 'Fixed in the next patch set.', 'Good point, updated.', 'I kept it as is for now, see my reply inline.', 'Addressed all comments.'];
export const RECHECK = ['recheck', 'recheck unrelated grenade failure', 'recheck timeout in tempest', 'recheck mirror issue'];
export const ABANDON_REASONS = [
  'Superseded by a different approach.', 'No longer needed after the refactor landed.', 'Moving this to the spec first.',
  'Duplicate of another change.', 'Not going to work on this anymore, feel free to take it over.',
];
export const AUTO_ABANDON = 'This change has been abandoned due to inactivity. Please restore it if you want to continue working on it.';
