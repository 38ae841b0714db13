import { describeProgress, type ProgressEvent, type ProgressListener } from '@grove/shared';

// Progress of a long operation on standard error, for a person at a terminal only: one line
// redrawn in place ("Importing medline.ris: Writing the records 45% (4,500 of 10,000)"),
// ended with a newline when the last phase finishes. Scripts reading a pipe or a file get
// nothing, so their output is the same as before.

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface TerminalProgress {
  /** Undefined when the stream is not a terminal: the operation then reports nothing. */
  readonly listener: ProgressListener | undefined;
  /** Ends the progress line (before the command prints its result). */
  end(): void;
}

/** Draws progress on `stream` when it is a terminal; nothing otherwise. */
export function terminalProgress(stream: ProgressStream = process.stderr): TerminalProgress {
  if (!stream.isTTY) return { listener: undefined, end: () => undefined };
  let drawn = false;
  return {
    listener: (e: ProgressEvent) => {
      stream.write(`\r\x1b[2K${progressLine(e)}`);
      drawn = true;
    },
    end: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** One line of progress, without control characters. */
export const progressLine = (e: ProgressEvent): string => `${e.operation}: ${describeProgress(e)}`;
