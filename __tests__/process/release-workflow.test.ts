import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isolatedGitEnv } from '../support/git-env.js'

/**
 * The shell parts of .github/workflows/release.yml, run here as its steps run them, in a throw-away
 * git repository with a bare "origin": script/release pushes the tag, script/release-check.ts
 * checks the tagged commit and writes the notes, and script/release-publish calls a stub `gh` on
 * PATH that logs each call (and answers as GitHub would). What GitHub itself does (the trigger,
 * permissions, the artifact between the jobs, the REST API) is not exercised: actionlint checks
 * the workflow file (__tests__/repo/workflows.test.ts).
 */
const repo = fileURLToPath(new URL('../..', import.meta.url))
const TSX = path.join(repo, 'node_modules/.bin/tsx')

const GH_STUB = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
case "$1 $2" in
  'release view') [ -n "\${GH_RELEASE_EXISTS:-}" ] && exit 0; echo 'release not found' >&2; exit 1 ;;
  'release create')
    [ -n "\${GH_CREATE_FAILS:-}" ] && { echo 'HTTP 403: Resource not accessible by integration' >&2; exit 1; }
    cp "\${@: -1}" "$GH_LOG.notes"; exit 0 ;;
esac
if [ "$1" = api ] && [ "$2" != --method ]; then
  [ -n "\${GH_READ_FAILS:-}" ] && { echo 'gh: Bad credentials (HTTP 401)' >&2; exit 1; }
  [ -n "\${GH_MAJOR_AT:-}" ] && { echo "$GH_MAJOR_AT"; exit 0; }
  echo 'gh: Not Found (HTTP 404)' >&2; exit 1
fi
[ -n "\${GH_MOVE_FAILS:-}" ] && { echo 'gh: Repository rule violations found (HTTP 422)' >&2; exit 1; }
exit 0
`

describe('the release workflow, its shell parts with gh stubbed', () => {
  let dir: string
  let work: string
  let env: NodeJS.ProcessEnv
  const log = () => path.join(dir, 'gh.log')

  function run(command: string, args: string[], extra: NodeJS.ProcessEnv = {}) {
    return spawnSync(command, args, { cwd: work, env: { ...env, ...extra }, encoding: 'utf8' })
  }
  function git(...args: string[]): string {
    const r = run('git', args)
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
    return r.stdout.trim()
  }
  function commitVersion(version: string, changelogVersion = version): string {
    writeFileSync(path.join(work, 'package.json'), `{\n  "name": "fake-action",\n  "version": "${version}"\n}\n`)
    writeFileSync(
      path.join(work, 'CHANGELOG.md'),
      `# Changelog\n\n## [Unreleased]\n\n## [${changelogVersion}] - 2026-12-04\n\n### Added\n- ${version} things\n\n[Unreleased]: https://example.invalid/compare/v${changelogVersion}...HEAD\n`
    )
    git('add', '-A')
    git('commit', '-q', '-m', `version ${version}`)
    return git('rev-parse', 'HEAD')
  }
  /** The check step: script/release-check.ts, then the tagged commit for the publish job. */
  function check(tag: string) {
    const notes = path.join(dir, `notes-${tag}.md`)
    const r = run(TSX, [path.join(repo, 'script/release-check.ts'), tag, '--notes', notes, '--branch', 'origin/main'])
    return { ...r, notes }
  }
  function publish(tag: string, notes: string, commit: string, extra: NodeJS.ProcessEnv = {}) {
    return run('bash', [path.join(repo, 'script/release-publish'), tag, notes, commit], extra)
  }
  const ghCalls = () => (existsSync(log()) ? readFileSync(log(), 'utf8').split('\n').filter(Boolean) : [])

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'release-workflow-'))
    work = path.join(dir, 'work')
    mkdirSync(path.join(dir, 'bin'))
    writeFileSync(path.join(dir, 'bin/gh'), GH_STUB)
    chmodSync(path.join(dir, 'bin/gh'), 0o755)
    env = {
      PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
      ...isolatedGitEnv(dir),
      RELEASE_BUILD_CMD: 'true',
      GH_REPO: 'owner/ask-claude',
      GH_LOG: path.join(dir, 'gh.log')
    }
    mkdirSync(work)
    spawnSync('git', ['init', '-q', '--bare', path.join(dir, 'origin.git')], { env })
    git('init', '-q', '-b', 'main')
    git('remote', 'add', 'origin', path.join(dir, 'origin.git'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('first release: tag pushed, checked, the release created with its section, then v1 created', () => {
    const head = commitVersion('1.0.0')
    git('push', '-q', 'origin', 'main')
    expect(run('bash', [path.join(repo, 'script/release'), '--push', 'v1.0.0']).status).toBe(0)

    const checked = check('v1.0.0')
    expect(checked.stderr).toBe('')
    expect(checked.status).toBe(0)
    expect(readFileSync(checked.notes, 'utf8')).toBe('### Added\n- 1.0.0 things\n')
    const commit = git('rev-parse', 'refs/tags/v1.0.0^{commit}')
    expect(commit).toBe(head)

    const r = publish('v1.0.0', checked.notes, commit)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(ghCalls()).toEqual([
      'release view v1.0.0',
      `release create v1.0.0 --verify-tag --title v1.0.0 --notes-file ${checked.notes}`,
      'api repos/owner/ask-claude/git/ref/tags/v1 --jq .object.sha',
      `api --method POST repos/owner/ask-claude/git/refs -f ref=refs/tags/v1 -f sha=${head}`
    ])
    expect(readFileSync(`${log()}.notes`, 'utf8')).toBe('### Added\n- 1.0.0 things\n')
  })

  it('a later release moves the existing v1 with force, after the release exists', () => {
    commitVersion('1.0.0')
    git('tag', 'v1.0.0')
    const head = commitVersion('1.1.0')
    git('push', '-q', 'origin', 'main')
    git('tag', '-a', 'v1.1.0', '-m', 'v1.1.0')
    git('fetch', '-q', 'origin')
    const checked = check('v1.1.0')
    expect(checked.status).toBe(0)
    expect(publish('v1.1.0', checked.notes, head, { GH_MAJOR_AT: 'a'.repeat(40) }).status).toBe(0)
    expect(ghCalls().slice(1)).toEqual([
      `release create v1.1.0 --verify-tag --title v1.1.0 --notes-file ${checked.notes}`,
      'api repos/owner/ask-claude/git/ref/tags/v1 --jq .object.sha',
      `api --method PATCH repos/owner/ask-claude/git/refs/tags/v1 -f sha=${head} -F force=true`
    ])
  })

  it('a tag the checks refuse writes no notes, calls nothing, and says to delete the tag', () => {
    commitVersion('1.0.0')
    git('push', '-q', 'origin', 'main')
    git('tag', 'v1.0.1') // pushed by hand: package.json and the CHANGELOG still say 1.0.0
    git('checkout', '-q', '-b', 'feature')
    commitVersion('1.0.2')
    git('tag', 'v1.0.2') // never on main
    git('fetch', '-q', 'origin')

    const wrongVersion = check('v1.0.1')
    expect(wrongVersion.status).toBe(1)
    expect(wrongVersion.stderr).toContain('package.json at v1.0.1 has version "1.0.0", not "1.0.1"')
    expect(wrongVersion.stderr).toContain("CHANGELOG.md at v1.0.1 has no '## [1.0.1] - YYYY-MM-DD' section")
    expect(wrongVersion.stderr).toContain('git push --delete origin v1.0.1')
    expect(existsSync(wrongVersion.notes)).toBe(false)

    const offMain = check('v1.0.2')
    expect(offMain.status).toBe(1)
    expect(offMain.stderr).toContain('the tagged commit is not on origin/main')
    expect(offMain.stderr).not.toContain('package.json')
    expect(ghCalls()).toEqual([])
  })

  it('a release that cannot be created leaves v1 where it was', () => {
    const head = commitVersion('1.0.0')
    git('push', '-q', 'origin', 'main')
    git('tag', 'v1.0.0')
    git('fetch', '-q', 'origin')
    const checked = check('v1.0.0')
    const r = publish('v1.0.0', checked.notes, head, { GH_CREATE_FAILS: '1' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('could not create the GitHub Release v1.0.0, so v1 was not moved')
    expect(r.stderr).toContain('git push --delete origin v1.0.0')
    expect(ghCalls().filter(call => call.startsWith('api'))).toEqual([])
  })

  it('a re-run keeps the existing release and moves v1; a refused move says to re-run', () => {
    const head = commitVersion('1.0.0')
    const notes = path.join(dir, 'notes.md')
    writeFileSync(notes, '- notes\n')
    const again = publish('v1.0.0', notes, head, { GH_RELEASE_EXISTS: '1', GH_MAJOR_AT: head })
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('exists already')
    expect(ghCalls().filter(call => call.startsWith('release create'))).toEqual([])
    expect(ghCalls().at(-1)).toContain('--method PATCH')

    const refused = publish('v1.0.0', notes, head, { GH_RELEASE_EXISTS: '1', GH_MAJOR_AT: head, GH_MOVE_FAILS: '1' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('could not move v1')
    expect(refused.stderr).toContain('Re-run this job')

    const unreadable = publish('v1.0.0', notes, head, { GH_RELEASE_EXISTS: '1', GH_READ_FAILS: '1' })
    expect(unreadable.status).toBe(1)
    expect(unreadable.stderr).toContain('could not read the tag v1: gh: Bad credentials (HTTP 401)')
    expect(ghCalls().at(-1)).toBe('api repos/owner/ask-claude/git/ref/tags/v1 --jq .object.sha')
  })

  it('publish refuses arguments that are not a release tag, a commit SHA and notes, before calling gh', () => {
    const notes = path.join(dir, 'notes.md')
    writeFileSync(notes, '- notes\n')
    const sha = 'b'.repeat(40)
    expect(publish('v1', notes, sha).stderr).toContain("'v1' is not vX.Y.Z")
    expect(publish('v1.0.0', notes, 'main').stderr).toContain("'main' is not a commit SHA")
    expect(publish('v1.0.0', path.join(dir, 'none.md'), sha).stderr).toContain('missing or empty')
    expect(ghCalls()).toEqual([])
  })
})
