// The part of unzipper (the zip reader exceljs streams with) that the workbook index uses.
declare module 'unzipper' {
  import type { Readable, Transform } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    buffer(): Promise<Buffer>;
    autodrain(): void;
  }

  export function Parse(options?: { forceStream?: boolean }): Transform;

  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
