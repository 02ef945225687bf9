/** A front-matter problem found by a format reader, turned into a Diagnostic (with the file's line) by `parseFrontMatter`. */
export class FrontMatterProblem extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
    /** Offset in the block's text (the text between the delimiters), when known. */
    readonly offset?: number,
  ) {
    super(message)
  }
}
