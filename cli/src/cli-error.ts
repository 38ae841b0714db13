// Errors the CLI reports as one line on stderr, with the exit code they deserve:
// 2 for bad usage or bad input, 3 when a team server cannot be reached (offline: try
// again later, nothing was lost), 1 for everything else.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
