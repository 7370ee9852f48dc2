import { Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { loanApi } from '../../api/loan';
import { useI18n } from '../../app/i18n';
import { FileImport } from '../../components/FileImport';

const COLUMNS = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan[,linkage_mode]';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 贷款报送导入: a bank's loan report as of a date (CSV/XLSX), with the row-level error report of every import. */
export function LoanImportPage() {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState(today());
  return (
    <Card title={t('loan.import.title')} data-testid="loan-import-page">
      <Typography.Paragraph type="secondary">
        {t('loan.import.hint')}
        <br />
        <code>{COLUMNS}</code>
      </Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('loan.import.asOf')} required>
          <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="loan-import-asof" style={{ width: 180 }} />
        </Form.Item>
      </Form>
      <FileImport
        testIdPrefix="loan-import"
        ready={!!asOf}
        run={(file, options) => loanApi.import(file, { asOf, ...options })}
        details={(result, dryRun) =>
          !dryRun && result.imported > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="loan-import-counts">
              {t('loan.import.counts', {
                asOf: result.asOf, created: result.created, updated: result.updated, unchanged: result.unchanged,
                reports: result.reports, enterprises: result.enterprisesCreated,
              })}
            </Typography.Paragraph>
          )
        }
      />
    </Card>
  );
}
