/**
 * The environment for a test's own git repository: HOME where the test says and no system or
 * global config, so none of the machine's git setup (signing, hooks, default branch) leaks in,
 * and a fixed author and committer.
 */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  return {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid'
  }
}
