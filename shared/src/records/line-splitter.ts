// Splits chunk-fed text into lines, whatever the line ends (LF, CRLF or a lone CR), keeping
// 1-based line numbers. A chunk may end anywhere, even between the CR and the LF of a CRLF.

export class LineSplitter {
  private carry = '';
  private pendingCr = false;
  private lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(text: string): void {
    let start = 0;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) start = i = 1;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.emit(this.carry + text.slice(start, i));
      this.carry = '';
      if (c === 13) {
        if (i + 1 === text.length) this.pendingCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.carry += text.slice(start);
  }

  end(): void {
    if (this.carry.length > 0) this.emit(this.carry);
    this.carry = '';
  }

  private emit(line: string): void {
    this.lineNo++;
    this.onLine(line, this.lineNo);
  }
}
