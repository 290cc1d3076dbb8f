import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Vite names every file under assets/ by its content hash: a changed file gets a new name, so a copy never goes stale. */
const HASHED_ASSETS = '/assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the unhashed public files (favicon): the browser revalidates them, so a deploy shows at once. */
export const REVALIDATE = 'no-cache';

/**
 * The built web app (`apps/web/dist`): the precompressed variant the browser accepts (brotli before gzip; the
 * build writes `.br` and `.gz` beside each text file), long-lived caching for hashed assets, index.html for
 * every other path (client-side routes). Source maps are never served: the build keeps them for error
 * tracking only.
 */
export function webAssetsRouter(webDist: string): Router {
  const router = Router();
  const serve = expressStaticGzip(webDist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res: ServerResponse, path: string) => {
        res.setHeader('Cache-Control', path.startsWith(join(webDist, HASHED_ASSETS)) ? IMMUTABLE : REVALIDATE);
      },
    },
  });

  router.use((req, res, next) => {
    if (req.path.endsWith('.map')) res.sendStatus(404);
    else next();
  });
  router.use(serve);
  // A missing hashed file (a tab open across a deploy asking for an old chunk) is a real 404, not the app's page.
  router.use(HASHED_ASSETS, (_req, res) => {
    res.sendStatus(404);
  });
  router.get('/{*path}', (req, res, next) => {
    req.url = '/index.html';
    serve(req, res, next);
  });
  return router;
}
