import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { JOB_KINDS, JOB_STATUSES } from '@partner-hub/domain';
import { z } from 'zod';
import type { AppDeps, HttpContextOf } from '../../common/context/request-context.js';
import { assertAllowed } from '../../common/auth/authorize.js';
import { AccessError, UserError, ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { inputProblem } from '../../common/graphql/input-guard.js';
import { JOB_SORT_FIELDS } from './job.service.js';
import { jobsCsvPieces } from './jobs-export.service.js';

/**
 * `GET /exports/jobs.csv?filter=<JobFilter as JSON>&orderBy=<JobOrder as JSON>`: the jobs list's
 * CSV export as a streamed download (a million jobs are ~200 MB — more than a GraphQL string
 * should carry). Same credentials as /graphql (the session cookie or `Authorization: Bearer`),
 * same permission (`jobs:read`, checked by the one `assertAllowed`), same scope and filter
 * rules as the `jobs` query. Errors before the first byte are JSON `{ error: { code, message,
 * field } }` with 400/401/403/404; a failure midway aborts the response, so a client never
 * mistakes a cut-off file for a whole one.
 */

const id = z.string().nullish();
const day = z.string().nullish();
const filterSchema = z
  .object({
    status: z.enum(JOB_STATUSES).nullish(),
    kind: z.enum(JOB_KINDS).nullish(),
    servicePartnerId: id,
    vehicleId: id,
    scheduledFrom: day,
    scheduledTo: day,
    importBatchId: id,
    overdue: z.boolean().nullish(),
  })
  .strict();
const orderSchema = z.object({ field: z.enum(JOB_SORT_FIELDS), direction: z.enum(['ASC', 'DESC']) }).strict();

function jsonParam(req: Request, name: string): unknown {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw ValidationFailed.of(name, `Give ${name} once, as JSON.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value) as unknown;
  } catch {
    throw ValidationFailed.of(name, `${name} is not valid JSON.`);
  }
  const problem = inputProblem(parsed, name);
  if (problem) throw ValidationFailed.of(problem.field, problem.message);
  return parsed;
}

function sendError(res: Response, error: unknown, deps: AppDeps): void {
  if (error instanceof AccessError) {
    res.status(error.code === 'UNAUTHENTICATED' ? 401 : 403).json({ error: { code: error.code, message: error.message, reason: error.extensions['reason'] ?? null } });
  } else if (error instanceof UserError) {
    res.status(error.code === 'NOT_FOUND' ? 404 : 400).json({ error: { code: error.code, message: error.message, field: error.field } });
  } else {
    deps.logger.error({ err: error }, 'jobs export failed');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. It has been logged; please try again.' } });
  }
}

/** The handler of `GET /exports/jobs.csv`. */
export function jobsExportHandler(deps: AppDeps, contextOf: HttpContextOf): RequestHandler {
  return async (req, res) => {
    let pieces: AsyncGenerator<string> | null = null;
    let first: IteratorResult<string>;
    try {
      const ctx = await contextOf(req, res);
      assertAllowed(ctx, ['jobs:read']);
      const filter = parseInput(filterSchema, jsonParam(req, 'filter') ?? {}, ['filter']);
      const order = parseInput(orderSchema, jsonParam(req, 'orderBy') ?? { field: 'CREATED_AT', direction: 'DESC' }, ['orderBy']);
      pieces = jobsCsvPieces(ctx, filter, order);
      // the filter is checked and the header's query ran before a status is sent
      first = await pieces.next();
    } catch (error) {
      await pieces?.return(undefined);
      sendError(res, error, deps);
      return;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="jobs-${stamp}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    const rest = pieces;
    try {
      // a BOM for spreadsheets; the writes wait for the client (backpressure), and a client that goes away stops the reads
      await pipeline(async function* () {
        yield `\uFEFF${first.done ? '' : first.value}`;
        yield* rest;
      }, res);
    } catch (error) {
      if (!res.destroyed) res.destroy(error as Error);
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') deps.logger.error({ err: error }, 'jobs export stopped midway');
    }
  };
}
