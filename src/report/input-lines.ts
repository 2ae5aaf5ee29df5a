/**
 * The sentences about the inputs themselves: every problem of a run in one message, the count
 * first, one problem per line.
 */
/** One problem: its sentence as it is. Several: the count, then one line each (a Markdown list). */
export function invalidInputsText(problems: readonly string[]): string {
  if (problems.length === 1) return problems[0] as string
  return [`${problems.length} problems with the inputs:`, ...problems.map(p => `- ${p}`)].join('\n')
}
