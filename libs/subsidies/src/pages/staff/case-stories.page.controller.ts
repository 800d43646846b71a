import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@hokenshitsu/identity';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { renderPage, type Lang } from '@hokenshitsu/web';
import { CaseStoriesService } from '../../applications/case-stories.service.js';

/**
 * 活用事例: the case stories companies agreed to share and staff published, for anyone (no sign-in):
 * "this company used Self-Career-Dock with city support, and this happened". The stories are in
 * the company's words (Japanese); the page around them follows the chosen language.
 */
@ApiExcludeController()
@Controller('case-stories')
export class CaseStoriesPageController {
  constructor(private readonly stories: CaseStoriesService) {}

  @Get()
  @Public()
  async list(@Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const stories = await this.stories.published();
    renderPage(res, 'subsidies/case-stories', {
      titleKey: 'subsidyStaff.stories.title',
      stories: stories.map((s) => ({ id: s.application_id, companyName: s.company_name, industry: INDUSTRIES.find((i) => i.code === s.industry)?.[lang] ?? s.industry, fiscalYear: s.fiscal_year, paragraphs: s.story.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean) })),
    });
  }
}
