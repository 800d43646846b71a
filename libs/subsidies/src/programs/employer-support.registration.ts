import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EmployerSupport, type EmployerSupportTerms } from '@hokenshitsu/digests';
import { ledgerOf } from './subsidy-program.entity.js';
import { SubsidyProgramsService } from './subsidy-programs.service.js';

/** Tells the digest page and the feedback PDF (which know nothing of subsidies) where today's open programme comes from. */
@Injectable()
export class EmployerSupportRegistration implements OnModuleInit {
  constructor(
    private readonly support: EmployerSupport,
    private readonly programs: SubsidyProgramsService,
  ) {}

  onModuleInit(): void {
    this.support.provide(async (): Promise<EmployerSupportTerms | null> => {
      const p = await this.programs.openToday();
      if (!p) return null;
      return {
        programName: p.name,
        fiscalYear: p.fiscalYear,
        rateNumerator: p.rateNumerator,
        rateDenominator: p.rateDenominator,
        capPerCompanyYen: Number(p.capPerCompanyYen),
        maxPricePerSessionYen: Number(p.maxPricePerSessionYen),
        minMinutesPerSession: p.minMinutesPerSession,
        maxSessionsPerEmployee: p.maxSessionsPerEmployee,
        opensOn: p.opensOn,
        closesOn: p.closesOn,
        budgetRemains: ledgerOf(p).availableYen > 0n,
      };
    });
  }
}
