import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDocument } from 'yaml'
import { ACTION_NODE } from '../support/run-action.js'

/**
 * The `self-test` job of .github/workflows/ci.yml cannot run here, so its steps run as the runner
 * would run them: each `run:` through `bash --noprofile --norc -eo pipefail` with RUNNER_TEMP and
 * GITHUB_OUTPUT, each `uses: ./` as `node dist/index.js` with INPUT_* from its `with:`, and the
 * `${{ steps.<id>.outputs.<name> }}` expressions the file uses filled in from the outputs written.
 * Then the `self-test-outputs` job with the job's outputs as `needs.self-test.outputs`.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url))

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, string>
  env?: Record<string, string>
}
interface Job {
  outputs?: Record<string, string>
  steps: Step[]
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const heredoc = line.match(/^([^=<]+)<<(.+)$/)
    if (heredoc) {
      const value: string[] = []
      while (lines[++i] !== heredoc[2]) value.push(lines[i] as string)
      out[heredoc[1] as string] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

describe('ci.yml self-test job, run locally', () => {
  const workflow = parseDocument(readFileSync(path.join(repo, '.github/workflows/ci.yml'), 'utf8'), {
    strict: true,
    uniqueKeys: true
  }).toJS() as { jobs: Record<string, Job> }
  let temp: string
  const groups: number[] = []
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'ci-self-test-'))
  })
  afterEach(() => {
    // The fake API was started in the background by a step: end its process group.
    for (const pgid of groups.splice(0)) {
      try {
        process.kill(-pgid, 'SIGTERM')
      } catch {
        /* already gone */
      }
    }
    rmSync(temp, { recursive: true, force: true })
  })

  function evaluate(
    expression: string,
    context: Record<string, Record<string, { outputs: Record<string, string> }>>
  ): string {
    const e = expression.trim()
    const fromJson = e.match(/^fromJSON\((.+)\)\[(\d+)\]\.(\w+)$/)
    if (fromJson) {
      const value = (JSON.parse(evaluate(fromJson[1] as string, context)) as Record<string, unknown>[])[
        Number(fromJson[2])
      ]?.[fromJson[3] as string]
      return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
    }
    const ref = e.match(/^(steps|needs)\.([\w-]+)\.outputs\.([\w-]+)$/)
    if (!ref) throw new Error(`expression not supported by this test: ${e}`)
    return context[ref[1] as string]?.[ref[2] as string]?.outputs[ref[3] as string] ?? ''
  }

  async function runJob(name: string, needs: Record<string, { outputs: Record<string, string> }> = {}) {
    const job = workflow.jobs[name] as Job
    const context = { steps: {} as Record<string, { outputs: Record<string, string> }>, needs }
    const fill = (s: string) => s.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => evaluate(e, context))
    const log: string[] = []
    for (const step of job.steps) {
      // The runner's own setup (checkout, setup-node, npm ci) is already done here.
      if ((step.uses && step.uses !== './') || step.run?.startsWith('npm ci') || step.if === 'always()') continue
      const outputFile = path.join(temp, `output-${log.length}`)
      writeFileSync(outputFile, '')
      writeFileSync(path.join(temp, 'summary'), '')
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RUNNER_TEMP: temp,
        GITHUB_WORKSPACE: repo,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: path.join(temp, 'summary')
      }
      for (const [key, value] of Object.entries(step.env ?? {})) env[key] = fill(String(value))
      let result: { code: number | null; stdout: string }
      if (step.uses === './') {
        for (const [key, value] of Object.entries(step.with ?? {}))
          env[`INPUT_${key.toUpperCase()}`] = fill(String(value))
        const r = spawnSync(ACTION_NODE, ['dist/index.js'], { cwd: repo, env, encoding: 'utf8' })
        result = { code: r.status, stdout: r.stdout + r.stderr }
      } else {
        const script = path.join(temp, 'step.sh')
        writeFileSync(script, fill(step.run as string))
        // Its own process group, so the background fake API can be ended with it.
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
          cwd: repo,
          env,
          detached: true
        })
        groups.push(child.pid as number)
        let stdout = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
        // Wait for exit, not for the pipes: the background server keeps them open.
        const code = await new Promise<number | null>(resolve => child.on('exit', resolve))
        result = { code, stdout }
      }
      log.push(`${step.name ?? step.uses}: exit ${result.code}\n${result.stdout}`)
      if (result.code !== 0) throw new Error(`step failed:\n${log.join('\n')}`)
      if (step.id) context.steps[step.id] = { outputs: parseOutputs(readFileSync(outputFile, 'utf8')) }
    }
    const outputs: Record<string, string> = {}
    for (const [key, value] of Object.entries(job.outputs ?? {})) outputs[key] = fill(value)
    return { outputs, log: log.join('\n') }
  }

  it('passes its own checks, and the later job reads its outputs', async () => {
    const selfTest = await runJob('self-test')
    expect(selfTest.log).toMatch(/Check the outputs: exit 0\nOutputs as expected: 3 attempts/)
    expect(selfTest.outputs.attempts).toBe('3')
    expect(
      (JSON.parse(selfTest.outputs['retry-log'] as string) as { errorType: string | null }[]).map(a => a.errorType)
    ).toEqual(['overloaded_error', 'rate_limit_error', null])
    const later = await runJob('self-test-outputs', { 'self-test': { outputs: selfTest.outputs } })
    expect(later.log).toMatch(/Read across jobs: 3 attempts, first error overloaded_error, response: \S/)
  }, 60_000)
})
