import type { App, Deps } from '../platform/http';
import { accountRoutes } from './accounts/accounts.routes';
import { applicationRoutes } from './application/applications.routes';
import { applicationOperationsRoutes } from './application/operations.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { consentRoutes } from './consent/consent.routes';
import { enterpriseRoutes } from './enterprise/enterprise.routes';
import { metaRoutes } from './meta/meta.routes';
import { policyRoutes } from './policy/policy.routes';
import { productRoutes } from './product/product.routes';
import { registerSubsidyFactSources } from './subsidy/register';
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
}
