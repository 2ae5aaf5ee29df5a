// The release workflow's checks and notes (.github/workflows/release.yml), run on the commit a
// pushed vX.Y.Z tag names, before anything is published or moved:
//
//   npx tsx script/release-check.ts vX.Y.Z --notes <file> [--branch origin/main]
//
// It reads the tagged commit's package.json and CHANGELOG.md from git (not the working tree, which
// the test run may have touched), every v* tag, and whether the commit is on the branch. On
// success it writes the CHANGELOG section of X.Y.Z to <file> (the GitHub Release's notes); on any
// problem it lists them all, says to delete the tag, and exits 1.
//
// The checks themselves are the pure functions below, unit-tested in
// __tests__/unit/script/release-check.test.ts.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** A release tag's numbers, or undefined when it is not vX.Y.Z (no leading zeros, no pre-release). */
export function parseTag(tag: string): { major: string; version: string; parts: number[] } | undefined {
  const match = SEMVER_TAG.exec(tag)
  if (!match) return undefined
  const parts = match.slice(1, 4).map(Number)
  return { major: `v${parts[0]}`, version: parts.join('.'), parts }
}

/** Negative, zero or positive as release tag a sorts before, with or after b (numbers, not text). */
function compareTags(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A link reference definition, as Keep a Changelog puts them at the end: `[1.0.0]: https://…`. */
const LINK_DEFINITION = /^\[[^\]]+\]:\s*\S+/

/**
 * The notes of one version: the lines under `## [X.Y.Z] - YYYY-MM-DD` up to the next `## `
 * heading, without the link definitions that end the file or the blank lines around them.
 * Undefined when there is no such heading (a heading without its date does not count).
 */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n')
  const heading = new RegExp(`^## \\[${escape(version)}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(line => line.startsWith('## '))
  const body = end < 0 ? rest : rest.slice(0, end)
  while (body.length > 0 && (body.at(-1)!.trim() === '' || LINK_DEFINITION.test(body.at(-1)!))) body.pop()
  while (body.length > 0 && body[0]!.trim() === '') body.shift()
  return body.join('\n')
}

/** What the workflow knows about the tagged commit. */
export interface ReleaseFacts {
  /** The pushed tag, e.g. v1.2.3. */
  tag: string
  /** package.json's "version" at the tagged commit; undefined when there is none. */
  packageVersion: string | undefined
  /** CHANGELOG.md at the tagged commit; undefined when there is none. */
  changelog: string | undefined
  /** Every tag in the repository (the pushed one may be among them). */
  tags: string[]
  /** The branch the commit must be on (e.g. origin/main), and whether it is. */
  branch: string
  onBranch: boolean
}

/** Every reason not to publish, in the order a maintainer fixes them; empty when the tag may be released. */
export function releaseProblems(facts: ReleaseFacts): string[] {
  const tag = parseTag(facts.tag)
  if (!tag) return [`'${facts.tag}' is not vX.Y.Z (e.g. v1.2.3; no leading zeros, no pre-release)`]
  const problems: string[] = []
  if (facts.packageVersion !== tag.version) {
    problems.push(
      facts.packageVersion === undefined
        ? `package.json at ${facts.tag} has no "version"; it must be "${tag.version}"`
        : `package.json at ${facts.tag} has version "${facts.packageVersion}", not "${tag.version}"`
    )
  }
  const section = facts.changelog === undefined ? undefined : changelogSection(facts.changelog, tag.version)
  if (section === undefined) {
    problems.push(`CHANGELOG.md at ${facts.tag} has no '## [${tag.version}] - YYYY-MM-DD' section`)
  } else if (section.trim() === '') {
    problems.push(
      `CHANGELOG.md at ${facts.tag}: the '## [${tag.version}]' section is empty; it becomes the release notes`
    )
  }
  const later = facts.tags
    .flatMap(name => {
      const other = parseTag(name)
      return other && name !== facts.tag && compareTags(other.parts, tag.parts) >= 0 ? [other] : []
    })
    .sort((a, b) => compareTags(b.parts, a.parts))
  if (later[0]) {
    problems.push(
      `${facts.tag} is not the latest release: v${later[0].version} exists, and ${tag.major} must not move back`
    )
  }
  if (!facts.onBranch) problems.push(`the tagged commit is not on ${facts.branch}; releases are cut from it`)
  return problems
}

/** The failure message: every problem, that nothing was published or moved, and how to start again. */
export function refusal(tag: string, problems: string[]): string {
  return [
    `Release ${tag} refused: nothing was published and no tag was moved.`,
    ...problems.map(problem => `- ${problem}`),
    `Delete the tag (git push --delete origin ${tag}; git tag --delete ${tag}), fix the above on main, and run script/release again.`
  ].join('\n')
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return undefined
  }
}

/** Reads the facts from git, checks them, writes the notes or prints the refusal; the exit code. */
function main(argv: string[]): number {
  const [tag, ...options] = argv
  const option = (name: string) => {
    const at = options.indexOf(name)
    return at < 0 ? undefined : options[at + 1]
  }
  const notesFile = option('--notes')
  const branch = option('--branch') ?? 'origin/main'
  if (!tag || !notesFile) {
    console.error('usage: npx tsx script/release-check.ts vX.Y.Z --notes <file> [--branch origin/main]')
    return 2
  }
  const commit = `refs/tags/${tag}^{commit}`
  const packageJson = git('show', `${commit}:package.json`)
  const facts: ReleaseFacts = {
    tag,
    packageVersion: packageJson === undefined ? undefined : versionOf(packageJson),
    changelog: git('show', `${commit}:CHANGELOG.md`),
    tags: (git('tag', '--list', 'v*') ?? '').split('\n').filter(Boolean),
    branch,
    onBranch: git('merge-base', '--is-ancestor', commit, branch) !== undefined
  }
  const problems = releaseProblems(facts)
  if (problems.length > 0) {
    console.error(refusal(tag, problems))
    return 1
  }
  writeFileSync(notesFile, `${changelogSection(facts.changelog!, parseTag(tag)!.version)}\n`)
  console.log(`${tag}: package.json and CHANGELOG.md agree; notes written to ${notesFile}.`)
  return 0
}

function versionOf(packageJson: string): string | undefined {
  try {
    const { version } = JSON.parse(packageJson) as { version?: unknown }
    return typeof version === 'string' ? version : undefined
  } catch {
    return undefined
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
