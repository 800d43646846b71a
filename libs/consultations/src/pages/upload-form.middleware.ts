import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ConsultationImportService } from '../import/consultation-import.service.js';
import type { CsvUpload } from '../import/csv-upload.js';

/** What the upload page's handler finds on the request. */
export interface UploadRequest extends Request {
  csvUpload?: CsvUpload;
  csvFileName?: string;
  csvUploadError?: unknown;
}

/**
 * The upload page posts multipart/form-data, which no body parser reads, yet the global CSRF guard
 * needs the form's `_csrf` field in req.body. This reads the form up to its file (the token comes
 * first), puts those fields in req.body and leaves the file unread, as a stream for the handler.
 */
@Injectable()
export class UploadFormMiddleware implements NestMiddleware {
  constructor(private readonly imports: ConsultationImportService) {}

  async use(req: UploadRequest, res: Response, next: NextFunction): Promise<void> {
    try {
      const upload = this.imports.openUpload(req, { trustCounting: true });
      req.csvUpload = upload;
      // Whatever the answer (a refused token, a sign-in redirect), the unread rest is thrown away.
      res.on('close', () => upload.discardRest());
      const form = await upload.form;
      req.body = form.fields;
      req.csvFileName = form.fileName;
    } catch (error) {
      req.csvUploadError = error;
    }
    next();
  }
}
