import { Injectable, Logger } from '@nestjs/common';

/**
 * The city's support an employer can apply for now (the open Self-Career-Dock subsidy), as the
 * digest page and the feedback PDF show it in their "what employers can do" part, so that
 * feedback leads to support. Public terms only: nothing here is computed from consultations.
 */
export interface EmployerSupportTerms {
  programName: string;
  fiscalYear: number;
  rateNumerator: number;
  rateDenominator: number;
  capPerCompanyYen: number;
  maxPricePerSessionYen: number;
  minMinutesPerSession: number;
  maxSessionsPerEmployee: number;
  opensOn: string;
  closesOn: string;
  budgetRemains: boolean;
}

/**
 * Digests and reports know nothing of subsidies (they come before it): the subsidies domain tells
 * this registry where the open programme's terms come from when its module starts, as reports
 * subscribe to ReleasePublications.
 */
@Injectable()
export class EmployerSupport {
  private readonly log = new Logger('EmployerSupport');
  private source: (() => Promise<EmployerSupportTerms | null>) | null = null;

  provide(source: () => Promise<EmployerSupportTerms | null>): void {
    this.source = source;
  }

  /** The open programme's terms, or null (none open, or no subsidies domain in this process). */
  async current(): Promise<EmployerSupportTerms | null> {
    if (!this.source) return null;
    try {
      return await this.source();
    } catch (error) {
      // The digest and the report stand without it: a failed lookup hides the box, never the page.
      this.log.warn(`employer support terms unavailable: ${(error as Error).message}`);
      return null;
    }
  }
}
