import type { Database } from '../../db/connect';
import type { CollateralMode } from '../../db/schema-financing';
import { badRequest, conflict } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import { insertLoans, isFirstTimeBorrower } from '../loan/create-loan';
import { initialStanding } from '../loan/post-loan.service';
import { act } from './actions.service';
import type { Ctx } from './applications.service';
import { addMonths } from './calendar';

export interface DisburseInput {
  loanNo: string;
  collateralMode: CollateralMode;
  repaymentMethod: 'equal_instalment' | 'equal_principal' | 'interest_only';
  startDate: string;
  principal?: number | undefined;
  annualRate?: string | undefined;
  termMonths?: number | undefined;
  maturityDate?: string | undefined;
}

/**
 * 放款: creates the loan record the loan ledger (issue #5) builds on. 首贷户 (first-time borrower) is computed,
 * not asked: the enterprise has no loan on the platform that started on or before this one.
 */
export async function disburseApplication(db: Database, ctx: Ctx, id: string, input: DisburseInput) {
  try {
    return await act(db, ctx, id, 'disburse', {}, async (trx, row) => {
      const principal = input.principal !== undefined ? yuanToFen(input.principal)! : row.approved_amount;
      const rate = input.annualRate ?? row.approved_rate;
      const term = input.termMonths ?? row.approved_term_months;
      if (!principal) throw badRequest([{ path: 'body.principal', message: 'required: the application has no approved amount' }]);
      if (!rate) throw badRequest([{ path: 'body.annualRate', message: 'required: the application has no approved rate' }]);
      if (!term) throw badRequest([{ path: 'body.termMonths', message: 'required: the application has no approved term' }]);
      if (row.decided_on && input.startDate < row.decided_on) throw badRequest([{ path: 'body.startDate', message: `cannot be before the credit approval on ${row.decided_on}` }]);
      const maturity = input.maturityDate ?? addMonths(input.startDate, term);
      if (maturity <= input.startDate) throw badRequest([{ path: 'body.maturityDate', message: 'must be after startDate' }]);
      const firstTime = await isFirstTimeBorrower(trx, row.enterprise_id, input.startDate);
      // Issue #5: the loan with its schedule and first report (principal outstanding, nothing overdue), classified.
      const [loanId] = await insertLoans(trx, [{
        loan: {
          loanNo: input.loanNo, bankOrgId: row.bank_org_id!, enterpriseId: row.enterprise_id, applicationId: id, productId: row.recommended_product_id ?? row.product_id,
          collateralMode: input.collateralMode, guarantorOrgId: null, insurerOrgId: null, guaranteeFeeRate: null, principal, annualRate: rate, termMonths: term,
          startDate: input.startDate, maturityDate: maturity, repaymentMethod: input.repaymentMethod, firstTimeBorrower: firstTime, linkageMode: null, source: 'application',
        },
        report: { asOf: input.startDate, outstanding: principal, dpd: 0, reportedClass: null, source: 'disbursement' },
      }]);
      await initialStanding(trx, loanId!, input.startDate);
      const loan = { id: loanId! };
      return {
        set: { disbursed_on: input.startDate },
        data: {
          loanId: loan.id, loanNo: input.loanNo, principal: fenToYuan(principal), annualRate: rate, termMonths: term, startDate: input.startDate,
          maturityDate: maturity, collateralMode: input.collateralMode, repaymentMethod: input.repaymentMethod, firstTimeBorrower: firstTime,
        },
      };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict(`loan number ${input.loanNo} is already used by this bank`);
    throw err;
  }
}
