import type { App, Deps } from '../../platform/http';
import type { Access } from '../../platform/principal';
import { productStatistics, productStatisticsFile, productStatisticsJson } from './product-statistics';
import { sendReportFile } from './report-file';
import { productStatisticsQuery } from './report.schemas';
import { reportPackRoutes } from './packs.routes';

// The office's statistical reports (one file per report in this module; issue #8 adds more).
const STAFF_READ: Access = { roles: ['admin', 'officer', 'auditor'], scope: 'reports:read' };

export async function reportRoutes(app: App, deps: Deps) {
  const { db } = deps;
  app.get('/reports/products', {
    config: { access: STAFF_READ },
    schema: { tags: ['reports'], summary: '科技信贷产品统计表 (seed 003 表4): per product, loans and enterprises this year and last, yoy, cumulative, total row', querystring: productStatisticsQuery },
  }, async (request, reply) => {
    const { format, year } = request.query;
    const s = await productStatistics(db, { year });
    if (format === 'json') return productStatisticsJson(s);
    return sendReportFile(reply, format, `products-${year}.${format}`, await productStatisticsFile(s, format));
  });

  await reportPackRoutes(app, deps);
}
