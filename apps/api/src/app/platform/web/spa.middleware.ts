import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

/** Paths the API answers itself; the web app never takes them over. */
const API_PATHS = /^\/(socket\.io|health|api|admin\/(metrics|users|session|export))(\/|$)/;

/**
 * Serves the built Angular app: its files as they are, and `index.html` for any other page a
 * browser navigates to (so deep links like /admin work), leaving API paths to Nest.
 */
export function webAppMiddleware(root: string): express.RequestHandler[] {
  const index = join(root, 'index.html');
  const files = express.static(root, { index: false, maxAge: '1h', setHeaders: noCacheForIndex });
  const pages = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [files, pages];
}

function noCacheForIndex(res: Response, path: string): void {
  if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}

export function findWebApp(candidates: string[]): string | null {
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
