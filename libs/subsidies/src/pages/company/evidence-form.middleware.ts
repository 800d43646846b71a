import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { readEvidenceUpload, type EvidenceUpload } from '../../files/evidence-upload.js';

/** What the upload page route finds on the request. */
export interface EvidenceFormRequest extends Request {
  evidenceUpload?: EvidenceUpload;
  evidenceError?: unknown;
}

/**
 * A page's file form posts multipart/form-data, which no body parser reads, yet the global CSRF
 * guard needs the form's `_csrf` field in req.body. This reads the form (at most 10 MB, counted
 * on the bytes) and puts its fields in req.body; the file waits on the request for the handler.
 */
@Injectable()
export class EvidenceFormMiddleware implements NestMiddleware {
  async use(req: EvidenceFormRequest, _res: Response, next: NextFunction): Promise<void> {
    try {
      const upload = await readEvidenceUpload(req);
      req.evidenceUpload = upload;
      req.body = upload.fields;
    } catch (error) {
      req.evidenceError = error;
      req.body = (error as { formFields?: Record<string, string> }).formFields ?? {};
    }
    next();
  }
}
