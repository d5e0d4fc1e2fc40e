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
  /** All issues found, of which `issues` is the first part (lists are capped). */
  readonly issueCount: number;

  constructor(
    code: string,
    message: string,
    issues: readonly RowIssue[] = [],
    issueCount?: number,
  ) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.issues = issues;
    this.issueCount = issueCount ?? issues.length;
  }
}

/** Issues listed per file: the first ones are what a user reads; the rest are counted. */
export const MAX_LISTED_ISSUES = 1000;

/** A list of row issues that keeps the first `max` and counts every one (memory bounded by `max`). */
export class IssueList {
  readonly items: RowIssue[] = [];
  count = 0;

  constructor(private readonly max = MAX_LISTED_ISSUES) {}

  push(issue: RowIssue): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(issue);
  }

  get length(): number {
    return this.count;
  }
}
