// Reads a stored CSV as a stream of records: decodes the sniffed encoding, parses with the sniffed
// delimiter, numbers records as a spreadsheet would (header = row 1), and turns every structural
// problem into an ImportFileError naming the row. Memory stays bounded whatever the file's size.
import { StringDecoder } from 'node:string_decoder';
import { Transform, type Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import type { TextEncodingName } from '@hotlead/domain';

/** A problem with the file as a whole: the import stops and nothing of it is kept. */
export class ImportFileError extends Error {}

export const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvRecord {
  /** 1-based, the header being row 1. */
  row: number;
  fields: string[];
}

/** Decodes bytes to text, chunk by chunk (multi-byte characters split across chunks are kept whole). */
function decoder(encoding: TextEncodingName): Transform {
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    const d = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le');
    return new Transform({
      readableObjectMode: false,
      transform(chunk: Buffer, _enc, done) {
        done(null, d.write(chunk));
      },
      flush(done) {
        done(null, d.end());
      },
    });
  }
  const d = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, d.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, d.decode());
    },
  });
}

function describeParseError(error: Error & { code?: string; records?: number }): string {
  const row = (error.records ?? 0) + 1;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Row ${row}: a quoted field is never closed (a missing " character).`;
    case 'CSV_MAX_RECORD_SIZE':
      return `Row ${row}: the row is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB. Is this really a CSV file with one lead per line?`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `Row ${row}: a quoted field is followed by other characters before the delimiter.`;
    default:
      return `Row ${row}: the file could not be read as CSV (${error.message.split('\n')[0]?.slice(0, 120) ?? 'unknown problem'}).`;
  }
}

/**
 * Every record of the file, the header first. Throws ImportFileError for structural problems.
 * `body` must start after any byte-order mark.
 */
export async function* readCsvRecords(
  body: Readable,
  options: { encoding: TextEncodingName; delimiter: string },
): AsyncGenerator<CsvRecord> {
  const parserOptions: Options = {
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    bom: true,
  };
  const parser = parse(parserOptions);
  const text = decoder(options.encoding);
  body.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
  body.pipe(text).pipe(parser);
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, fields };
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('CSV_')) {
      throw new ImportFileError(describeParseError(error as Error & { code?: string; records?: number }));
    }
    throw error;
  } finally {
    body.destroy();
  }
}
