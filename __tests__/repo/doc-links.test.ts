/**
 * Every relative link in the Markdown users and contributors read points to a file that exists,
 * and a `#anchor` into a Markdown file to a heading (or `<a id>`) it has. Text moved between the
 * README and docs/ keeps its links only if they are rewritten: this is what notices one that was not.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { docFiles, readRepoFile, repoFile } from '../support/workflow-files.js'
import { slug } from '../../script/docs/reference.js'

const FILES = [...docFiles(), 'CONTRIBUTING.md', 'SECURITY.md']

/** The Markdown outside code: fenced blocks and inline code spans hold examples, not links. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/(`+)[\s\S]*?\1/g, '')

/** The anchors GitHub gives a Markdown file: one per heading (repeats get -1, -2…), and every `<a id>`. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  const withoutFences = markdown.replace(/^```[\s\S]*?^```$/gm, '')
  for (const [, heading] of withoutFences.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const text = (heading as string).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '')
    const base = slug(text)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  for (const [, id] of markdown.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(id as string)
  return anchors
}

/** Every relative link target of a Markdown file: `[text](target)` and `![alt](target)`. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)]
    .map(m => m[1] as string)
    .filter(target => !/^[a-z][a-z+.-]*:/i.test(target))
}

function brokenLinks(file: string, markdown = readRepoFile(file)): string[] {
  const problems: string[] = []
  for (const target of relativeLinks(markdown)) {
    const [where = '', anchor] = target.split('#')
    const resolved = where === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), where))
    if (!existsSync(repoFile(resolved))) {
      problems.push(`${file}: ${target} (no file ${resolved})`)
      continue
    }
    if (anchor === undefined || !resolved.endsWith('.md') || statSync(repoFile(resolved)).isDirectory()) continue
    if (!anchorsOf(readRepoFile(resolved)).has(decodeURIComponent(anchor))) {
      problems.push(`${file}: ${target} (no heading or <a id> '${anchor}' in ${resolved})`)
    }
  }
  return problems
}

describe.each(FILES.map(file => [file]))('%s', file => {
  it('links only to files and anchors that exist', () => {
    expect(brokenLinks(file)).toEqual([])
  })
})

describe('the link check itself', () => {
  it('covers the README, CONTRIBUTING.md, SECURITY.md and the docs pages', () => {
    expect(FILES).toEqual(expect.arrayContaining(['README.md', 'docs/inputs.md', 'docs/bench/results.md']))
  })
  it('finds relative links and images, and skips web links, code spans and code blocks', () => {
    const text = '[a](docs/x.md#y) ![b](c.svg) [w](https://e.com) `[no](z.md)`\n```\n[no](q.md)\n```\n[d](#e)'
    expect(relativeLinks(text)).toEqual(['docs/x.md#y', 'c.svg', '#e'])
  })
  it('gives headings the anchors GitHub gives them', () => {
    const text =
      '# Prompt files: `prompt-yml`, and migrating from actions/ai-inference\n## Cost\n## Cost\n<a id="x-y"></a>\n'
    expect([...anchorsOf(text)]).toEqual([
      'prompt-files-prompt-yml-and-migrating-from-actionsai-inference',
      'cost',
      'cost-1',
      'x-y'
    ])
  })
  it('reports a missing file and a missing anchor, relative to the linking file', () => {
    const text = '[a](nope.md) [b](inputs.md#no-such-input) [c](inputs.md#max-tokens) [d](../SECURITY.md) [e](#nowhere)'
    expect(brokenLinks('docs/x.md', text)).toEqual([
      'docs/x.md: nope.md (no file docs/nope.md)',
      "docs/x.md: inputs.md#no-such-input (no heading or <a id> 'no-such-input' in docs/inputs.md)",
      'docs/x.md: #nowhere (no file docs/x.md)'
    ])
  })
})
