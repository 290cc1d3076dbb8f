import { Router } from 'express';
import type { Request, Response } from 'express';
import { JOBS_IMPORT_LIMITS } from '@partner-hub/domain';
import type { AppDeps, HttpContextOf } from '../../common/context/request-context.js';
import { unstorableTextReason } from '../../common/graphql/input-guard.js';
import { ImportUpload } from './import-upload.entity.js';

/**
 * POST /imports/uploads?fileName=jobs.csv — a CSV file for an import, sent as the raw request body
 * (`Content-Type: text/csv`) and streamed into PostgreSQL in chunks of about 1 MB: the server never
 * holds the whole file, and any API instance can check and import it afterwards. Answers
 * `201 { uploadId, byteSize }`; the upload is then named in `validateJobsImport` and
 * `startJobsImport`.
 *
 * The same credentials as /graphql (session cookie or `Authorization: Bearer <API key>`);
 * principal staff with `jobs:write` only. CSRF-safe: a browser cannot send `text/csv` across
 * origins without a preflight, which this server never grants, so a foreign page's form cannot
 * post here with the user's cookie. Over 50 MB the upload stops at once with 413 and nothing is kept.
 */

/** Bytes per stored chunk. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Uploads are kept this long; older ones are removed when the organization uploads again. */
const UPLOAD_TTL_HOURS = 24;
const CONTENT_TYPES = new Set(['text/csv', 'application/octet-stream']);

const fail = (res: Response, status: number, code: string, message: string) => {
  res.status(status).json({ error: { code, message } });
};

async function receive(contextOf: HttpContextOf, req: Request, res: Response): Promise<void> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CONTENT_TYPES.has(contentType)) return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as the request body with Content-Type: text/csv.');
  const ctx = await contextOf(req, res);
  const viewer = ctx.viewer;
  if (!viewer) return fail(res, 401, ctx.blocked ? 'ACCOUNT_BLOCKED' : 'UNAUTHENTICATED', 'Sign in (or send an API key) to upload a file.');
  if (viewer.organizationKind !== 'PRINCIPAL' || !viewer.permissions.has('jobs:write')) {
    return fail(res, 403, 'FORBIDDEN', 'Only a principal\'s admins and managers can upload files for an import.');
  }
  const fileName = typeof req.query['fileName'] === 'string' ? req.query['fileName'].trim() : '';
  if (fileName === '' || fileName.length > 255) return fail(res, 400, 'BAD_REQUEST', 'Give the file name (at most 255 characters) as ?fileName=.');
  const fileNameProblem = unstorableTextReason(fileName);
  if (fileNameProblem) return fail(res, 400, 'BAD_REQUEST', `The file name ${fileNameProblem}. Rename the file and upload it again.`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  const { maxBytes } = JOBS_IMPORT_LIMITS;
  const tooLarge = () => fail(res, 413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes / 1024 / 1024} MB: at most ${maxBytes / 1024 / 1024} MB can be imported at once. Split it into smaller files.`);
  if (declared > maxBytes) {
    res.setHeader('Connection', 'close'); // do not read the rest of a body we refuse
    return tooLarge();
  }

  const em = ctx.em;
  const connection = em.getConnection();
  await connection.execute(`delete from import_upload where organization_id = ? and created_at < now() - interval '${UPLOAD_TTL_HOURS} hours'`, [viewer.organizationId]);
  const upload = em.create(ImportUpload, { organization: viewer.organizationId, createdBy: viewer.userId, fileName });
  await em.flush();

  let seq = 0;
  let byteSize = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const store = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    // a real bind parameter: MikroORM's execute would inline the megabyte as a hex literal in the SQL text
    await connection.getKnex().raw('insert into import_upload_chunk (upload_id, seq, data) values (?, ?, ?)', [upload.id, seq++, data]);
  };
  try {
    // for-await reads the body as fast as chunks are stored: TCP back-pressure, not memory, absorbs a fast client
    for await (const piece of req as AsyncIterable<Buffer>) {
      byteSize += piece.length;
      if (byteSize > maxBytes) {
        await connection.execute('delete from import_upload where id = ?', [upload.id]);
        res.setHeader('Connection', 'close');
        tooLarge();
        req.destroy();
        return;
      }
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= UPLOAD_CHUNK_BYTES) await store();
    }
    await store();
  } catch (error) {
    await connection.execute('delete from import_upload where id = ?', [upload.id]).catch(() => undefined);
    if (req.destroyed || req.aborted) return; // the client went away: nothing to answer
    throw error;
  }
  await connection.execute('update import_upload set byte_size = ?, updated_at = now() where id = ?', [byteSize, upload.id]);
  res.status(201).json({ uploadId: upload.id, byteSize });
}

/** The router of CSV uploads, mounted at /imports/uploads. */
export function importUploadRouter(deps: AppDeps, contextOf: HttpContextOf): Router {
  const router = Router();
  router.post('/', (req, res, next) => {
    receive(contextOf, req, res).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'upload failed');
      if (res.headersSent) return next(error);
      fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
    });
  });
  return router;
}
