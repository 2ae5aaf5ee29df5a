/** A results file that cannot be opened or written where the workflow asked: a sentence for the step's error. */
export class ResultsFileError extends Error {
  override name = 'ResultsFileError'
}
