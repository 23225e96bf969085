// Splits CSV text into records, chunk by chunk. This is the hot path of a large import, so it is
// a plain character loop: no regular expressions, and no allocation per cell beyond its string.
//
// RFC 4180 quoting ("a ""b""", embedded delimiters and line breaks), CRLF, LF or CR line ends,
// and lenient about what Excel and devices actually write: text after a closing quote is kept,
// a quote inside an unquoted field is literal. Records whose cells are all empty (blank lines,
// ";;;" rows) are skipped but still counted, so line numbers stay those of the file.
import { FileFormatError, type CellValue, type SourceRow } from './file-layout.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Longer than this, a record is taken for an unclosed quote rather than waited for. */
export const MAX_RECORD_CHARS = 1 << 20;

export class CsvRecordSplitter {
  private readonly delimiter: number;
  /** Text of a record not yet complete at the end of the last chunk. */
  private carry = '';
  /** The file line the carried text starts on. */
  private line = 1;

  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new FileFormatError(`The delimiter must be one character, not '${delimiter}'`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The line a reader has reached: where the next record starts, plus line breaks already carried. */
  get currentLine(): number {
    return this.line + countLineBreaks(this.carry, 0, this.carry.length);
  }

  /**
   * Appends every record completed by `text` to `out`. With `final`, the text ends the file and
   * the last record needs no line break.
   */
  push(text: string, final: boolean, out: SourceRow[]): void {
    const s = this.carry === '' ? text : this.carry + text;
    const n = s.length;
    const delimiter = this.delimiter;
    let pos = 0;
    let line = this.line;

    records: while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const cells: CellValue[] = [];
      let filled = false;

      for (;;) {
        if (pos < n && s.charCodeAt(pos) === QUOTE) {
          let value = '';
          let from = pos + 1;
          for (;;) {
            const close = s.indexOf('"', from);
            if (close === -1) {
              if (!final) return this.keep(s, recordStart, recordLine);
              // An unclosed quote at the end of the file: its text runs to the end.
              value += s.slice(from);
              line += countLineBreaks(s, from, n);
              pos = n;
              break;
            }
            line += countLineBreaks(s, from, close);
            value += s.slice(from, close);
            if (close + 1 >= n && !final) return this.keep(s, recordStart, recordLine);
            if (s.charCodeAt(close + 1) === QUOTE) {
              value += '"';
              from = close + 2;
              continue;
            }
            pos = close + 1;
            break;
          }
          const trailingFrom = pos;
          while (pos < n) {
            const c = s.charCodeAt(pos);
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          if (pos > trailingFrom) value += s.slice(trailingFrom, pos);
          if (value === '') cells.push(null);
          else {
            cells.push(value);
            filled = true;
          }
        } else {
          const start = pos;
          while (pos < n) {
            const c = s.charCodeAt(pos);
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          if (pos === start) cells.push(null);
          else {
            cells.push(s.slice(start, pos));
            filled = true;
          }
        }

        if (pos >= n) {
          if (!final) return this.keep(s, recordStart, recordLine);
          if (filled) out.push({ line: recordLine, cells });
          break records;
        }
        const c = s.charCodeAt(pos);
        if (c === delimiter) {
          pos++;
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= n && !final) return this.keep(s, recordStart, recordLine);
          if (s.charCodeAt(pos + 1) === LF) pos++;
        }
        pos++;
        line++;
        if (filled) out.push({ line: recordLine, cells });
        continue records;
      }
    }
    this.carry = '';
    this.line = line;
  }

  private keep(s: string, recordStart: number, recordLine: number): void {
    if (s.length - recordStart > MAX_RECORD_CHARS) {
      throw new FileFormatError(
        `Line ${recordLine}: the record runs on for more than ${MAX_RECORD_CHARS} characters; a quote (") is probably never closed`,
      );
    }
    this.carry = s.slice(recordStart);
    this.line = recordLine;
  }
}

/** Line breaks (LF, CRLF or a lone CR) in s[from, to). */
export function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && (i + 1 >= to || s.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
