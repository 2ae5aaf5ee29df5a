/**
 * Every Claude model the docs name in an example is one the SDK lists (its `Model` type), so a
 * copied example does not fail with a 404. Cloud providers' ids are theirs and left out: Bedrock's
 * (`anthropic.claude-…-v1:0`) and Vertex's (`claude-…@date`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../support/run-action.js'

function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return markdownUnder(full)
    return name.endsWith('.md') ? [full] : []
  })
}

it('names only models of the SDK’s list in README.md, action.yml and docs/', () => {
  const sdk = readFileSync(
    path.join(REPO_ROOT, 'node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts'),
    'utf8'
  )
  const listed = new Set(
    [...(/export type Model = ([^;]+);/.exec(sdk)?.[1] ?? '').matchAll(/'([^']+)'/g)].map(m => m[1])
  )
  expect(listed.has('claude-haiku-5-5')).toBe(true)
  const files = [
    'README.md',
    'action.yml',
    ...markdownUnder(path.join(REPO_ROOT, 'docs')).map(f => path.relative(REPO_ROOT, f))
  ]
  const unlisted: string[] = []
  for (const file of files) {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8')
    for (const match of text.matchAll(/(?<![.\w-])claude-[a-z]+-\d[\w.-]*/g)) {
      const name = match[0].replace(/[.-]+$/, '')
      const cloud = /^[@:]|^-v\d/.test(text.slice((match.index ?? 0) + match[0].length)) || /-v\d/.test(name)
      if (!cloud && !listed.has(name)) unlisted.push(`${file}: ${name}`)
    }
  }
  expect(unlisted).toEqual([])
})
