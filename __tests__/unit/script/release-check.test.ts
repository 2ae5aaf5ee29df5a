// The release workflow's checks (script/release-check.ts) as pure functions: the notes a version
// gets, and every reason a pushed tag is refused.
import { describe, expect, it } from '@jest/globals'
import {
  changelogSection,
  parseTag,
  refusal,
  releaseProblems,
  type ReleaseFacts
} from '../../../script/release-check.js'

const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added
- not released yet

## [1.1.0] - 2026-12-20

### Added
- shards share a limit

### Fixed
- a fix

## [1.0.0] - 2026-12-04

The first release.

### Added
- everything

[Unreleased]: https://github.com/your-org/ask-claude/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/your-org/ask-claude/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/your-org/ask-claude/releases/tag/v1.0.0
`

describe('parseTag', () => {
  it('reads vX.Y.Z into the major tag and the plain version', () => {
    expect(parseTag('v1.10.0')).toEqual({ major: 'v1', version: '1.10.0', parts: [1, 10, 0] })
    expect(parseTag('v0.0.0')).toEqual({ major: 'v0', version: '0.0.0', parts: [0, 0, 0] })
  })
  it('refuses what is not vX.Y.Z', () => {
    for (const tag of ['1.0.0', 'v1', 'v1.0', 'v01.0.0', 'v1.0.0-rc.1', 'v1.0.0 ', 'refs/tags/v1.0.0']) {
      expect([tag, parseTag(tag)]).toEqual([tag, undefined])
    }
  })
})

describe('changelogSection', () => {
  it('is the text between the version heading and the next one, trimmed', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe('### Added\n- shards share a limit\n\n### Fixed\n- a fix')
  })
  it('leaves out the link definitions that end the file after the last section', () => {
    expect(changelogSection(CHANGELOG, '1.0.0')).toBe('The first release.\n\n### Added\n- everything')
  })
  it('is undefined for a version without a section, and for a heading without its date', () => {
    expect(changelogSection(CHANGELOG, '1.2.0')).toBeUndefined()
    expect(changelogSection(CHANGELOG, 'Unreleased')).toBeUndefined()
    expect(changelogSection('## [1.2.0]\n\n- x\n', '1.2.0')).toBeUndefined()
  })
  it('matches the version exactly: 1.0.0 is not 11.0.0 or 1x0x0', () => {
    expect(changelogSection('## [1x0x0] - 2026-01-01\n- wrong\n', '1.0.0')).toBeUndefined()
    expect(changelogSection('## [11.0.0] - 2026-01-01\n- wrong\n', '1.0.0')).toBeUndefined()
  })
  it('reads a file saved with CRLF line breaks', () => {
    expect(changelogSection('## [1.0.0] - 2026-12-04\r\n\r\n- one\r\n', '1.0.0')).toBe('- one')
  })
})

describe('releaseProblems', () => {
  const ok: ReleaseFacts = {
    tag: 'v1.1.0',
    packageVersion: '1.1.0',
    changelog: CHANGELOG,
    tags: ['v1', 'v1.0.0', 'v1.1.0'],
    branch: 'origin/main',
    onBranch: true
  }

  it('finds nothing when package.json, the CHANGELOG, the other tags and the branch agree', () => {
    expect(releaseProblems(ok)).toEqual([])
    // The first release: no other tag at all.
    expect(releaseProblems({ ...ok, tag: 'v1.0.0', packageVersion: '1.0.0', tags: ['v1.0.0'] })).toEqual([])
  })

  it('refuses a tag that is not vX.Y.Z, and says only that', () => {
    expect(releaseProblems({ ...ok, tag: 'v1.1' })).toEqual([
      "'v1.1' is not vX.Y.Z (e.g. v1.2.3; no leading zeros, no pre-release)"
    ])
  })

  it('names a package.json version that differs, or is missing', () => {
    expect(releaseProblems({ ...ok, packageVersion: '1.0.0' })).toEqual([
      'package.json at v1.1.0 has version "1.0.0", not "1.1.0"'
    ])
    expect(releaseProblems({ ...ok, packageVersion: undefined })).toEqual([
      'package.json at v1.1.0 has no "version"; it must be "1.1.0"'
    ])
  })

  it('needs a dated, non-empty CHANGELOG section: it becomes the release notes', () => {
    expect(releaseProblems({ ...ok, changelog: '# Changelog\n\n## [Unreleased]\n' })).toEqual([
      "CHANGELOG.md at v1.1.0 has no '## [1.1.0] - YYYY-MM-DD' section"
    ])
    expect(releaseProblems({ ...ok, changelog: undefined })).toEqual([
      "CHANGELOG.md at v1.1.0 has no '## [1.1.0] - YYYY-MM-DD' section"
    ])
    expect(releaseProblems({ ...ok, changelog: '## [1.1.0] - 2026-12-20\n\n## [1.0.0] - 2026-12-04\n- x\n' })).toEqual([
      "CHANGELOG.md at v1.1.0: the '## [1.1.0]' section is empty; it becomes the release notes"
    ])
  })

  it('refuses a tag below or equal to another release, which would move the major tag back', () => {
    expect(releaseProblems({ ...ok, tags: ['v1', 'v1.0.0', 'v1.1.0', 'v1.10.0', 'v1.2.0'] })).toEqual([
      'v1.1.0 is not the latest release: v1.10.0 exists, and v1 must not move back'
    ])
    // A later major counts too (script/release refuses it the same way); odd names do not.
    expect(releaseProblems({ ...ok, tags: ['v1.1.0', 'v2.0.0', 'v9', 'v9.0', 'vnext'] })).toEqual([
      'v1.1.0 is not the latest release: v2.0.0 exists, and v1 must not move back'
    ])
  })

  it('refuses a commit that is not on the release branch', () => {
    expect(releaseProblems({ ...ok, onBranch: false })).toEqual([
      'the tagged commit is not on origin/main; releases are cut from it'
    ])
  })

  it('lists every problem at once', () => {
    const problems = releaseProblems({
      ...ok,
      packageVersion: '1.0.0',
      changelog: '',
      tags: ['v2.0.0'],
      onBranch: false
    })
    expect(problems).toHaveLength(4)
  })
})

describe('refusal', () => {
  it('says nothing moved, lists the problems and how to delete the tag', () => {
    expect(refusal('v1.1.0', ['a', 'b'])).toBe(
      [
        'Release v1.1.0 refused: nothing was published and no tag was moved.',
        '- a',
        '- b',
        'Delete the tag (git push --delete origin v1.1.0; git tag --delete v1.1.0), fix the above on main, and run script/release again.'
      ].join('\n')
    )
  })
})
