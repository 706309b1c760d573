import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgoraConfig, GerritSourceConfig, SourceConfig } from '../../src/config/schema.ts';
import { drivers } from '../../src/sources/index.ts';
import type { Logger } from '../../src/sources/types.ts';
import { Store } from '../../src/store/store.ts';
import { runSync, type SourceReport } from '../../src/sync/run.ts';
import { startGerritSimulator } from '../simulator/gerrit.ts';
import { startMailSimulator } from '../simulator/mail.ts';
import { startGithubSimulator } from '../simulator/github.ts';
import { startMeetbotSimulator } from '../simulator/meetings.ts';
import { startHnSimulator } from '../simulator/hn.ts';
import { generateMeetings, MEETINGS_ORIGIN } from './meetings.ts';
import { writeScheduleRepo } from './meetings-repo.ts';
import { generateSpecs } from './specs.ts';
import { writeSpecsRepo } from './specs-repo.ts';
import { generateDemo, writeDemoFixtures } from './generate.ts';
import { generateMail } from './mail.ts';
import { generateGithub } from './github.ts';
import { generateHnWorld } from './hn.ts';

/** The demo's mail archives are served as if from this host; the config's mail sources point there. */
export const DEMO_LISTS_ORIGIN = 'https://lists.aurora.example';
/** The demo syncs as if on this day, so month ranges and cursors do not depend on when it is run. */
export const DEMO_NOW = Date.parse('2026-11-01T00:00:00Z');

const MAIL_TYPES = new Set(['pipermail', 'hyperkitty', 'mbox']);

/** A demo source's URL moved from its public origin to a simulator's (links keep the public one, as `webUrl`). */
function servedAt(s: SourceConfig, origin: string, simUrl: string): SourceConfig {
  const url = (s as { url?: unknown }).url;
  if (typeof url !== 'string') return s;
  if (!url.startsWith(origin)) throw new Error(`demo source ${s.id}: its url must start with ${origin}`);
  return { ...s, url: simUrl + url.slice(origin.length), webUrl: url } as SourceConfig;
}

/**
 * The demo snapshot's whole path: generate the fictional community in
 * Gerrit's REST formats and its mailing lists in pipermail, HyperKitty and
 * mbox form, serve them with the local simulators, and sync them through the
 * real clients into `dataDir`, as a portal syncs real servers. Links keep the
 * config's public URLs (`webUrl`), not the simulators' ports.
 */
export async function syncDemo(config: AgoraConfig, dataDir: string, log: Logger): Promise<SourceReport[]> {
  const source = config.sources.find((s): s is GerritSourceConfig => s.type === 'gerrit');
  if (!source) throw new Error('the demo needs a gerrit source in the config');
  const mailSources = config.sources.filter((s) => MAIL_TYPES.has(s.type));
  const fixtures = await mkdtemp(join(tmpdir(), 'agora-demo-'));
  try {
    await writeDemoFixtures(fixtures, generateDemo());
    const sim = await startGerritSimulator({ fixtureDir: fixtures });
    const mail = mailSources.length ? await startMailSimulator({ lists: generateMail() }) : undefined;
    const wantsMeetings = config.sources.some((s) => s.type === 'meetbot' || s.type === 'irc-meetings');
    const meetings = wantsMeetings ? generateMeetings() : undefined;
    const meetbot = meetings && config.sources.some((s) => s.type === 'meetbot') ? await startMeetbotSimulator({ files: meetings.files }) : undefined;
    // The schedules as a real irc-meetings repository (one commit, fixed dates: the same hash every run).
    const scheduleRepo = meetings ? await writeScheduleRepo(join(fixtures, 'irc-meetings'), meetings.schedules) : undefined;
    // The specs as a real git history (fixed dates: the same hashes every run), read by the specs source.
    const specsRepo = config.sources.some((s) => s.type === 'specs') ? await writeSpecsRepo(join(fixtures, 'specs'), generateSpecs()) : undefined;
    // GitHub's REST API for the demo's organisation. Its html_url links are github.com's; the demo reads
    // without a token, so the anonymous budget is raised from GitHub's 60 an hour to a token's 5,000.
    const github = config.sources.some((s) => s.type === 'github') ? await startGithubSimulator({ world: generateGithub(), webUrl: 'https://github.com', limits: { anonymous: 5000 } }) : undefined;
    // The Algolia HN API over made-up "Who is hiring?" threads, to the last month before DEMO_NOW.
    const hn = config.sources.some((s) => s.type === 'hn-hiring') ? await startHnSimulator({ world: generateHnWorld({ start: '2019-01', end: '2026-10', postings: 40 }) }) : undefined;
    try {
      log.info(`simulator on ${sim.url}${mail ? `, mail simulator on ${mail.url}` : ''}; syncing into ${dataDir}`);
      const store = new Store(dataDir);
      const served = (s: SourceConfig): SourceConfig => {
        if (s === source) return { ...source, url: sim.url, webUrl: source.webUrl ?? source.url };
        if (mail && MAIL_TYPES.has(s.type)) return servedAt(s, DEMO_LISTS_ORIGIN, mail.url);
        if (meetbot && s.type === 'meetbot') return servedAt(s, MEETINGS_ORIGIN, meetbot.url.replace(/\/$/, ''));
        if (specsRepo && s.type === 'specs') return { ...s, repo: specsRepo } as SourceConfig;
        // Items name their public origin (and links their public pages), not the simulator's port.
        if (github && s.type === 'github') return { ...s, url: github.url, webUrl: 'https://github.com' } as SourceConfig;
        // The simulator answers at once: no pause between requests. Months name the public API as their origin.
        if (hn && s.type === 'hn-hiring') return { ...s, url: hn.api, webUrl: s.url, delay: 0 } as SourceConfig;
        if (scheduleRepo && s.type === 'irc-meetings') return { ...s, repo: scheduleRepo, path: undefined, webUrl: (s as { repo?: string }).repo } as SourceConfig;
        return s;
      };
      // A fixed identity key per demo source (a real store makes a random one): the snapshot is
      // then the same on every run. The demo's people are fictional, so this key guards nothing.
      for (const s of config.sources.filter((x) => MAIL_TYPES.has(x.type) || x.type === 'specs')) {
        const src = store.source(s.id);
        const meta = await src.getMeta();
        if (typeof meta.identityKey !== 'string') await src.setMeta({ ...meta, identityKey: createHash('sha256').update(`agora-demo:${s.id}`).digest('hex') });
      }
      const demoConfig = { ...config, sources: config.sources.map(served) };
      return await runSync(demoConfig, { store, drivers, full: true, log, clock: () => DEMO_NOW, cacheDir: join(fixtures, 'cache') });
    } finally {
      await sim.close();
      await mail?.close();
      await meetbot?.close();
      await github?.close();
      await hn?.close();
    }
  } finally {
    await rm(fixtures, { recursive: true, force: true });
  }
}
