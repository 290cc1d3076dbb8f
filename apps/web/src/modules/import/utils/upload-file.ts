/** Where CSV files for an import are uploaded (the API streams them into its database). */
export const UPLOADS_PATH = '/imports/uploads';

/**
 * Uploads a file for an import (`POST /imports/uploads`, the raw file as `text/csv` with the
 * session cookie) and reports the bytes sent as they go — XHR, since fetch cannot report upload
 * progress. Resolves with the upload's id; rejects with the server's sentence (e.g. over 50 MB).
 */
export function uploadCsvFile(file: Blob, fileName: string, onProgress?: (sentShare: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${UPLOADS_PATH}?fileName=${encodeURIComponent(fileName)}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { uploadId?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: answered below by the status
      }
      if (xhr.status === 201 && body.uploadId) resolve(body.uploadId);
      else reject(new Error(body.error?.message ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached.'));
    xhr.send(file);
  });
}
