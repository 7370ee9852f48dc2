import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { loanApi, type LoanImportReport } from '../../api/loan';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportReport } from '../enterprise/ImportPage';

const COLUMNS = 'loan_no,uscc,enterprise_name,district,bank_code,product_code,collateral_mode,disbursed_on,principal,annual_rate,term_months,repayment_method,outstanding,dpd,first_loan[,linkage_mode]';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 贷款报送导入: a bank's loan report as of a date (CSV/XLSX), with the row-level error report of every import. */
export function LoanImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [asOf, setAsOf] = useState(today());
  const [dryRun, setDryRun] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ value: LoanImportReport; dryRun: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult({ value: await loanApi.import(file, { asOf, dryRun, skipInvalid }), dryRun });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

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
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        fileList={fileList}
        beforeUpload={(picked) => {
          setFile(picked);
          setFileList([{ uid: picked.uid, name: picked.name, status: 'done', size: picked.size }]);
          setResult(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setFileList([]);
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('import.pick')}</p>
      </Upload.Dragger>
      <Space orientation="vertical" style={{ margin: '16px 0' }}>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>{t('import.dryRun')}</Checkbox>
        <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>{t('import.skipInvalid')}</Checkbox>
        <Button type="primary" onClick={submit} loading={busy} disabled={!file || !asOf} data-testid="loan-import-submit">
          {file ? t('import.submit') : t('import.noFile')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {result && (
        <>
          <ImportReport result={result.value} dryRun={result.dryRun} />
          {!result.dryRun && result.value.imported > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="loan-import-counts">
              {t('loan.import.counts', {
                asOf: result.value.asOf, created: result.value.created, updated: result.value.updated, unchanged: result.value.unchanged,
                reports: result.value.reports, enterprises: result.value.enterprisesCreated,
              })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
