import type { RepoKey } from './github-text.ts';

/**
 * The dependencies Dependabot bumps in the demo repositories, each with the versions it
 * goes through, so that bumps follow one another (1.8.0 -> 1.8.1 -> 1.9.0). Bodies follow
 * Dependabot's layout, without its `@dependabot` command list (the world holds no `@`).
 */

interface Dependency {
  name: string;
  ecosystem: 'go_modules' | 'github_actions';
  source: string;
  versions: string[];
}

const SHARED: Dependency[] = [
  { name: 'golang.org/x/net', ecosystem: 'go_modules', source: 'https://github.com/golang/net', versions: ['0.19.0', '0.20.0', '0.21.0', '0.23.0', '0.25.0', '0.26.0', '0.28.0', '0.30.0', '0.33.0', '0.35.0', '0.38.0', '0.41.0'] },
  { name: 'actions/checkout', ecosystem: 'github_actions', source: 'https://github.com/actions/checkout', versions: ['3', '4'] },
  { name: 'actions/setup-go', ecosystem: 'github_actions', source: 'https://github.com/actions/setup-go', versions: ['4', '5', '6'] },
  { name: 'golangci/golangci-lint-action', ecosystem: 'github_actions', source: 'https://github.com/golangci/golangci-lint-action', versions: ['3', '4', '5', '6', '7', '8'] },
];

const DEPS: Record<RepoKey, Dependency[]> = {
  cli: [
    ...SHARED,
    { name: 'github.com/spf13/cobra', ecosystem: 'go_modules', source: 'https://github.com/spf13/cobra', versions: ['1.8.0', '1.8.1', '1.9.0', '1.9.1', '1.10.1'] },
    { name: 'github.com/spf13/viper', ecosystem: 'go_modules', source: 'https://github.com/spf13/viper', versions: ['1.18.1', '1.18.2', '1.19.0', '1.20.0', '1.20.1', '1.21.0'] },
    { name: 'github.com/olekukonko/tablewriter', ecosystem: 'go_modules', source: 'https://github.com/olekukonko/tablewriter', versions: ['0.0.5', '1.0.0', '1.0.7', '1.1.0'] },
  ],
  provider: [
    ...SHARED,
    { name: 'github.com/hashicorp/terraform-plugin-framework', ecosystem: 'go_modules', source: 'https://github.com/hashicorp/terraform-plugin-framework', versions: ['1.4.2', '1.5.0', '1.6.1', '1.8.0', '1.10.0', '1.11.0', '1.13.0', '1.14.1', '1.15.0'] },
    { name: 'github.com/hashicorp/terraform-plugin-testing', ecosystem: 'go_modules', source: 'https://github.com/hashicorp/terraform-plugin-testing', versions: ['1.6.0', '1.7.0', '1.9.0', '1.10.0', '1.11.0', '1.12.0', '1.13.0'] },
  ],
};

export interface Bump {
  title: string;
  branch: string;
  body: string;
  labels: string[];
  dependency: string;
}

/** Hands out bumps in order: each call moves one dependency to its next version, until none is left. */
export class Bumps {
  private next = new Map<string, number>();
  constructor(private readonly repo: RepoKey) {}

  take(index: number): Bump | undefined {
    const deps = DEPS[this.repo];
    for (let k = 0; k < deps.length; k++) {
      const dep = deps[(index + k) % deps.length] as Dependency;
      const at = this.next.get(dep.name) ?? 0;
      if (at + 1 >= dep.versions.length) continue;
      this.next.set(dep.name, at + 1);
      return bump(dep, dep.versions[at] as string, dep.versions[at + 1] as string);
    }
    return undefined;
  }
}

function bump(dep: Dependency, from: string, to: string): Bump {
  const actions = dep.ecosystem === 'github_actions';
  const body = [
    `Bumps [${dep.name}](${dep.source}) from ${from} to ${to}.`,
    '<details>',
    '<summary>Commits</summary>',
    '<ul>',
    `<li>See full diff in <a href="${dep.source}/compare/v${from}...v${to}">compare view</a></li>`,
    '</ul>',
    '</details>',
    '<br />',
    '',
    `[![Dependabot compatibility score](https://dependabot-badges.githubapp.com/badges/compatibility_score?dependency-name=${encodeURIComponent(dep.name)}&package-manager=${dep.ecosystem}&previous-version=${from}&new-version=${to})](https://docs.github.com/en/github/managing-security-vulnerabilities/about-dependabot-security-updates#about-compatibility-scores)`,
    '',
    "Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself.",
    '',
    '---',
    '',
    '<details>',
    '<summary>Dependabot commands and options</summary>',
    '<br />',
    '',
    'You can trigger Dependabot actions by commenting `dependabot rebase`, `dependabot recreate` or `dependabot ignore this dependency` on this PR.',
    '</details>',
  ].join('\n');
  return {
    title: `Bump ${dep.name} from ${from} to ${to}`,
    branch: `dependabot/${dep.ecosystem}/${dep.name}-${to}`,
    body,
    labels: ['dependencies', actions ? 'github_actions' : 'go'],
    dependency: dep.name,
  };
}
