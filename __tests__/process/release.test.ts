import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDocument } from 'yaml'
import { changelogSection } from '../../script/release-check.js'
import { isolatedGitEnv } from '../support/git-env.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const script = path.join(repo, 'script/release')

/**
 * script/release in a throw-away git repository: package.json, CHANGELOG.md, a "source" src.txt
 * and a committed dist/index.js that the stub build (RELEASE_BUILD_CMD) makes from it.
 */
describe('script/release', () => {
  let dir: string
  let env: NodeJS.ProcessEnv

  function git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
    return r.stdout.trim()
  }
  function release(...args: string[]) {
    return spawnSync('bash', [script, ...args], { cwd: dir, env, encoding: 'utf8' })
  }
  /** Commit a new version: package.json, its CHANGELOG section, and the source with dist/ rebuilt. */
  function commitVersion(version: string, source = `source of ${version}`): string {
    writeFileSync(path.join(dir, 'package.json'), `{\n  "name": "fake-action",\n  "version": "${version}"\n}\n`)
    writeFileSync(path.join(dir, 'CHANGELOG.md'), `# Changelog\n\n## [${version}] - 2026-11-29\n\n- a change\n`)
    writeFileSync(path.join(dir, 'src.txt'), source)
    mkdirSync(path.join(dir, 'dist'), { recursive: true })
    writeFileSync(path.join(dir, 'dist/index.js'), source)
    git('add', '-A')
    git('commit', '-q', '-m', `version ${version}`)
    return git('rev-parse', 'HEAD')
  }
  /** The commit a tag points at, and whether the tag is annotated. */
  function tag(name: string): { commit: string; type: string } | undefined {
    const r = spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${name}^{commit}`], {
      cwd: dir,
      env,
      encoding: 'utf8'
    })
    if (r.status !== 0) return undefined
    return { commit: r.stdout.trim(), type: git('cat-file', '-t', `refs/tags/${name}`) }
  }
  function tags(): string[] {
    return git('tag', '--list').split('\n').filter(Boolean).sort()
  }
  function expectRefused(r: ReturnType<typeof release>, reason: RegExp): void {
    expect(r.stderr).toMatch(reason)
    expect(r.status).not.toBe(0)
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'release-'))
    env = {
      PATH: process.env.PATH,
      ...isolatedGitEnv(dir),
      RELEASE_BUILD_CMD: 'mkdir -p dist && cp src.txt dist/index.js'
    }
    git('init', '-q', '-b', 'main')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  // The major tag vX is moved by the Release workflow once the GitHub Release exists
  // (script/release-publish, tested in release-workflow.test.ts), never here.
  it('tags vX.Y.Z only, creates no major tag, and only prints the push command', () => {
    const head = commitVersion('1.0.0')
    const r = release('v1.0.0')
    expect(r.stderr).not.toMatch(/release:/)
    expect(r.status).toBe(0)
    expect(tags()).toEqual(['v1.0.0'])
    expect(tag('v1.0.0')).toEqual({ commit: head, type: 'tag' })
    expect(r.stdout).toContain('git push origin refs/tags/v1.0.0')
    expect(r.stdout).not.toMatch(/--force|refs\/tags\/v1\b(?!\.)/)
  })

  it('tags each later release where it is, and leaves an existing major tag alone', () => {
    const first = commitVersion('1.0.0')
    expect(release('v1.0.0').status).toBe(0)
    git('tag', 'v1', first) // as the Release workflow left it
    const second = commitVersion('1.1.0')
    expect(release('v1.1.0').status).toBe(0)
    expect(tag('v1.0.0')?.commit).toBe(first)
    expect(tag('v1.1.0')).toEqual({ commit: second, type: 'tag' })
    expect(tag('v1')).toEqual({ commit: first, type: 'commit' })

    const third = commitVersion('2.0.0')
    expect(release('v2.0.0').status).toBe(0)
    expect(tag('v2.0.0')?.commit).toBe(third)
    expect(tags()).toEqual(['v1', 'v1.0.0', 'v1.1.0', 'v2.0.0'])
  })

  it('refuses a version that is not vX.Y.Z or not greater than the latest release', () => {
    commitVersion('1.2.0')
    expect(release('v1.2.0').status).toBe(0)
    for (const version of ['v1.2.0', 'v1.1.9', 'v0.9.0']) {
      expectRefused(release(version), /already exists|not greater than the latest release v1\.2\.0/)
    }
    for (const version of ['1.3.0', 'v1.3', 'v01.3.0', 'v1.3.0-rc.1', 'v1']) {
      expectRefused(release(version), /is not vX\.Y\.Z/)
    }
    expect(tags()).toEqual(['v1.2.0'])
    // Versions compare as numbers, not text: v1.10.0 follows v1.9.0.
    commitVersion('1.9.0')
    expect(release('v1.9.0').status).toBe(0)
    commitVersion('1.10.0')
    expect(release('v1.10.0').status).toBe(0)
    expectRefused(release('v1.9.1'), /not greater than the latest release v1\.10\.0/)
  })

  it('refuses a dirty tree: a modified file, or an untracked one', () => {
    commitVersion('1.0.0')
    writeFileSync(path.join(dir, 'src.txt'), 'edited, not committed')
    expectRefused(release('v1.0.0'), /working tree is not clean/)
    git('checkout', '--', 'src.txt')
    writeFileSync(path.join(dir, 'notes.txt'), 'untracked')
    expectRefused(release('v1.0.0'), /working tree is not clean/)
    expect(tags()).toEqual([])
  })

  it('refuses a stale dist/ and leaves the rebuilt dist/ to commit', () => {
    commitVersion('1.0.0')
    writeFileSync(path.join(dir, 'src.txt'), 'changed source, dist/ not rebuilt')
    git('commit', '-q', '-am', 'change the source only')
    expectRefused(release('v1.0.0'), /dist\/ is stale/)
    expect(tags()).toEqual([])
    expect(readFileSync(path.join(dir, 'dist/index.js'), 'utf8')).toBe('changed source, dist/ not rebuilt')
  })

  it('refuses a new file in dist/ that the build adds', () => {
    commitVersion('1.0.0')
    env.RELEASE_BUILD_CMD = 'mkdir -p dist && cp src.txt dist/index.js && echo chunk > dist/1.index.js'
    expectRefused(release('v1.0.0'), /dist\/ is stale/)
    expect(tags()).toEqual([])
  })

  it('refuses when the build fails', () => {
    commitVersion('1.0.0')
    env.RELEASE_BUILD_CMD = 'exit 3'
    expectRefused(release('v1.0.0'), /the build failed/)
    expect(tags()).toEqual([])
  })

  it('refuses another branch, and a version package.json or CHANGELOG.md does not carry', () => {
    commitVersion('1.0.0')
    expectRefused(release('v1.0.1'), /package\.json has version '1\.0\.0'; set it to 1\.0\.1/)
    writeFileSync(path.join(dir, 'package.json'), '{\n  "version": "1.0.1"\n}\n')
    git('commit', '-q', '-am', 'bump without changelog')
    expectRefused(release('v1.0.1'), /CHANGELOG\.md has no '## \[1\.0\.1\] - YYYY-MM-DD' section/)
    // A heading without its date is refused too: the Release workflow needs the dated section.
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [1.0.1]\n\n- a change\n')
    git('commit', '-q', '-am', 'changelog without a date')
    expectRefused(release('v1.0.1'), /CHANGELOG\.md has no '## \[1\.0\.1\] - YYYY-MM-DD' section/)
    git('checkout', '-q', '-b', 'feature')
    commitVersion('1.0.1')
    expectRefused(release('v1.0.1'), /on feature, not main/)
    expect(tags()).toEqual([])
  })

  it('with --push, pushes the release tag only, after checking that HEAD is pushed', () => {
    const remote = path.join(dir, 'remote.git')
    spawnSync('git', ['init', '-q', '--bare', remote], { env })
    writeFileSync(path.join(dir, '.gitignore'), 'remote.git/\n')
    const first = commitVersion('1.0.0')
    git('remote', 'add', 'origin', remote)
    git('push', '-q', 'origin', 'main')
    expect(release('--push', 'v1.0.0').status).toBe(0)
    const second = commitVersion('1.0.1')
    // Not pushed yet: the tag would name a commit the remote does not have.
    expectRefused(release('--push', 'v1.0.1'), /HEAD is not origin\/main/)
    git('push', '-q', 'origin', 'main')
    const r = release('--push', 'v1.0.1')
    expect(r.stderr).not.toMatch(/release:/)
    expect(r.status).toBe(0)
    const remoteTags = spawnSync('git', ['ls-remote', '--tags', remote], { env, encoding: 'utf8' }).stdout
    const peeled = (name: string) =>
      remoteTags.match(new RegExp(`^(\\w+)\\trefs/tags/${name.replace(/\./g, '\\.')}\\^\\{\\}$`, 'm'))?.[1]
    expect(peeled('v1.0.0')).toBe(first)
    expect(peeled('v1.0.1')).toBe(second)
    expect(remoteTags).not.toMatch(/refs\/tags\/v1$/m)
  })
})

describe('release files', () => {
  it('.node-version is the runtime action.yml declares', () => {
    expect(readFileSync(path.join(repo, '.node-version'), 'utf8')).toBe('24\n')
    // action.yml's full parse is tested with the action.yml tests; here only runs.using matters.
    expect(readFileSync(path.join(repo, 'action.yml'), 'utf8')).toMatch(/^ {2}using: node24$/m)
  })

  it('.github/dependabot.yml is valid YAML and updates npm and github-actions weekly', () => {
    const doc = parseDocument(readFileSync(path.join(repo, '.github/dependabot.yml'), 'utf8'), {
      strict: true,
      uniqueKeys: true
    })
    expect(doc.errors).toEqual([])
    const config = doc.toJS() as {
      version: number
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[]
    }
    expect(config.version).toBe(2)
    expect(config.updates.map(u => [u['package-ecosystem'], u.directory, u.schedule.interval]).sort()).toEqual([
      ['github-actions', '/', 'weekly'],
      ['npm', '/', 'weekly']
    ])
  })

  // The version package.json names is the one the next tag must carry: its dated CHANGELOG section
  // is what the Release workflow checks and publishes as the notes (script/release-check.ts).
  it("CHANGELOG.md has a dated section for package.json's version, below an Unreleased heading", () => {
    const changelog = readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8')
    const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }
    const section = changelogSection(changelog, version)
    expect(section).toMatch(/^### Added$/m)
    const unreleased = changelog.search(/^## \[Unreleased\]$/m)
    expect(unreleased).toBeGreaterThan(0)
    expect(unreleased).toBeLessThan(changelog.indexOf(`## [${version}] - `))
    expect(changelog).toMatch(new RegExp(`^\\[${version.replace(/\./g, '\\.')}\\]: https://\\S+[/.]v${version}$`, 'm'))
  })
})
