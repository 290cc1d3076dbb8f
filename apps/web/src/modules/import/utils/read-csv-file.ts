import { IMPORT_LIMITS } from '@partner-hub/domain';

export type CsvFileRead = { ok: true; text: string } | { ok: false; message: string };

/** Formats a byte count for people: 812 B, 14.2 KB, 3.1 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Reads a chosen CSV file as UTF-8 text in the browser. A file over the import's size limit, or
 * one whose bytes are not UTF-8 (a spreadsheet saved as "CSV" in a legacy encoding), is refused
 * here with a sentence saying what to do; the server checks again.
 */
export async function readCsvFile(file: Blob, limits: { maxBytes: number } = IMPORT_LIMITS): Promise<CsvFileRead> {
  if (file.size > limits.maxBytes) {
    return { ok: false, message: `This file is ${formatFileSize(file.size)}; at most ${formatFileSize(limits.maxBytes)} can be imported at once. Split it into smaller files.` };
  }
  if (file.size === 0) return { ok: false, message: 'This file is empty: it needs a header line and at least one row.' };
  const bytes = await file.arrayBuffer();
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'This file is not UTF-8 text. Save it as "CSV UTF-8" (or CSV with UTF-8 encoding) and choose it again.' };
  }
}
