import type { App, Deps } from '../platform/http';
import { accountRoutes } from './accounts/accounts.routes';
import { applicationRoutes } from './application/applications.routes';
import { applicationOperationsRoutes } from './application/operations.routes';
import { assessmentRoutes } from './assessment/assessment.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { consentRoutes } from './consent/consent.routes';
import { enterpriseRoutes } from './enterprise/enterprise.routes';
import { equityRoutes } from './equity/equity.routes';
import { listingRoutes } from './listing/listing.routes';
import { loanRoutes } from './loan/loans.routes';
import { registerLoanFactSources } from './loan/loan-facts';
import { evaluationRoutes } from './evaluation/evaluation.routes';
import { metaRoutes } from './meta/meta.routes';
import { monitoringRoutes } from './monitoring/monitoring.routes';
import { policyRoutes } from './policy/policy.routes';
import { productRoutes } from './product/product.routes';
import { reportRoutes } from './report/report.routes';
import { riskPoolRoutes } from './risk-pool/risk-pool.routes';
import { registerSubsidyFactSources } from './subsidy/register';
import { stationRoutes } from './station/station.routes';
import { subsidyRoutes } from './subsidy/subsidy.routes';

/** Every module's routes, mounted under /api/v1. */
export async function registerModules(app: App, deps: Deps): Promise<void> {
  await metaRoutes(app, deps);
  await authRoutes(app, deps);
  await accountRoutes(app, deps);
  await auditRoutes(app, deps);
  await enterpriseRoutes(app, deps);
  await policyRoutes(app, deps);
  registerSubsidyFactSources();
  await subsidyRoutes(app, deps);
  await productRoutes(app, deps);
  await consentRoutes(app, deps);
  await applicationOperationsRoutes(app, deps);
  await applicationRoutes(app, deps);
  await listingRoutes(app, deps);
  await assessmentRoutes(app, deps);
  await reportRoutes(app, deps);
  await riskPoolRoutes(app, deps);
  registerLoanFactSources();
  await loanRoutes(app, deps);
  await equityRoutes(app, deps);
  await stationRoutes(app, deps);
  await evaluationRoutes(app, deps);
  await monitoringRoutes(app, deps);
}
