/**
 * The README is the front page: it fits on a few screens, starts users off with a step they can
 * copy, and sends them to the docs pages for the rest. What it must hold is checked here; its
 * examples are checked with the docs' in workflows.test.ts, and its links in doc-links.test.ts.
 */
import { readdirSync } from 'node:fs'
import { readRepoFile, repoFile } from '../support/workflow-files.js'

const readme = readRepoFile('README.md')

describe('README.md', () => {
  it('has at most 300 lines', () => {
    expect(readme.split('\n').length - 1).toBeLessThanOrEqual(300)
  })
  it('says in its first example that your-org/ask-claude stands for where the action is published, pinned @v1', () => {
    const block = readme.slice(readme.indexOf('```yaml'))
    expect(block.slice(0, block.indexOf('\n```\n'))).toMatch(
      /# your-org\/ask-claude stands for the repository where this action is published[^\n]*\n\s*- uses: your-org\/ask-claude@v1\n/
    )
  })
  it('gives the two commands that set everything up, `npm ci && npm run demo` and `npm test` (what .ci/run runs)', () => {
    expect(readme).toMatch(/^npm ci && npm run demo\b/m)
    expect(readme).toMatch(/^npm test\b/m)
    expect(readRepoFile('.ci/run')).toMatch(/^npm test\b/m)
  })
  it('links every docs page, SECURITY.md and CONTRIBUTING.md', () => {
    const pages = readdirSync(repoFile('docs')).filter(name => name.endsWith('.md'))
    expect(pages.length).toBeGreaterThanOrEqual(10)
    for (const page of pages) expect([page, readme.includes(`](docs/${page}`)]).toEqual([page, true])
    expect(readme).toContain('](SECURITY.md)')
    expect(readme).toContain('](CONTRIBUTING.md)')
  })
})
