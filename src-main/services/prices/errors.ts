/** A line-level problem in an imported file. `line` is 1-based and counts the header line. */
export interface RowIssue {
  line: number;
  code: string;
  message: string;
}

/**
 * The one error type of the data services: a short code the UI and tests switch on, a readable message, and
 * the row issues behind it when a file was refused.
 */
export class DataError extends Error {
  readonly code: string;
  readonly issues: readonly RowIssue[];

  constructor(code: string, message: string, issues: readonly RowIssue[] = []) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.issues = issues;
  }
}
