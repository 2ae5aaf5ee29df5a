/**
 * The pull request as the review needs it, read once for both `pr-diff` and posting: its head
 * commit (`GET /pulls/{n}`: an issue_comment payload has none) and every changed file with its
 * patch (`GET /pulls/{n}/files`, all pages; GitHub lists at most 3,000).
 */
import { diffIndex, excludeFiles, type FileDiff, type PullFile } from './diff-label.js'
import { type Call, nextPage, type Octokit } from './github-call.js'

/** GitHub's own cap on the files it lists for one pull request. */
export const MAX_LISTED_FILES = 3000
const PER_PAGE = 100

export interface PullRequestDiff {
  /** The head commit the files were read at: the review's commit_id. */
  headSha: string
  /** Every file GitHub listed (comments are placed against all of them). */
  index: Map<string, FileDiff>
  /** The files `pr-diff-exclude` keeps, in the API's order, for the model. */
  shown: PullFile[]
  excluded: number
  /** GitHub's list stopped at MAX_LISTED_FILES while the pull request changes more. */
  truncated: boolean
}

export interface PullLocation {
  repository: { owner: string; repo: string }
  number: number
  baseUrl: string
}

export async function readPullDiff(
  octokit: Octokit,
  call: Call,
  where: PullLocation,
  exclude: readonly string[]
): Promise<PullRequestDiff> {
  const { repository, number } = where
  const { data: pull } = await call('read', options =>
    octokit.rest.pulls.get({ ...repository, pull_number: number, ...options })
  )
  const files: PullFile[] = []
  let response = await call('list the changed files of', options =>
    octokit.rest.pulls.listFiles({ ...repository, pull_number: number, per_page: PER_PAGE, ...options })
  )
  for (;;) {
    for (const file of response.data) {
      files.push({
        filename: file.filename,
        status: file.status,
        ...(typeof file.patch === 'string' && { patch: file.patch }),
        ...(typeof file.previous_filename === 'string' && { previous_filename: file.previous_filename })
      })
    }
    const next = nextPage(response.headers.link, where.baseUrl)
    if (next === undefined || files.length >= MAX_LISTED_FILES) break
    response = (await call('list the changed files of', options =>
      octokit.request(`GET ${next}`, options)
    )) as typeof response
  }
  const changed = typeof pull.changed_files === 'number' ? pull.changed_files : files.length
  const { kept, excluded } = excludeFiles(files, exclude)
  return {
    headSha: pull.head.sha,
    index: diffIndex(files),
    shown: kept,
    excluded,
    truncated: changed > files.length && files.length >= MAX_LISTED_FILES
  }
}
