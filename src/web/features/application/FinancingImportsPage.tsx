import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Space, Tabs, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FINANCING_IMPORTS, importFinancing, type FinancingImportKind } from '../../api/financing';
import type { FinancingImportReport } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportReport } from '../enterprise/ImportPage';

const KINDS = Object.keys(FINANCING_IMPORTS) as FinancingImportKind[];
const SKIPPABLE: FinancingImportKind[] = ['institutions', 'products'];

/** One upload form for any of the financing imports, with the enterprise import's row-level error report. */
function ImportForm({ kind }: { kind: FinancingImportKind }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ value: FinancingImportReport; dryRun: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult({ value: await importFinancing(kind, file, { dryRun, skipInvalid }), dryRun });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid={`fin-import-${kind}`}>
      <Typography.Paragraph type="secondary">
        {t(`finImport.hint.${kind}`)}
        <br />
        <code data-testid="fin-import-columns">{t(`finImport.columns.${kind}`)}</code>
      </Typography.Paragraph>
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
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.pick')}</p>
      </Upload.Dragger>
      <Space orientation="vertical" style={{ margin: '16px 0' }}>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('import.dryRun')}
        </Checkbox>
        {SKIPPABLE.includes(kind) && (
          <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
            {t('import.skipInvalid')}
          </Checkbox>
        )}
        <Button type="primary" onClick={submit} loading={busy} disabled={!file} data-testid="fin-import-submit">
          {file ? t('import.submit') : t('import.noFile')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {result && (
        <>
          <ImportReport result={result.value} dryRun={result.dryRun} />
          {result.value.created !== undefined && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('finImport.counts', { created: result.value.created ?? 0, updated: result.value.updated ?? 0, unchanged: result.value.unchanged ?? 0 })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </div>
  );
}

/** 融资数据导入: institutions, products, historical applications, tax filings, social insurance. */
export function FinancingImportsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS.includes(params.get('kind') as FinancingImportKind) ? params.get('kind') : 'institutions') as FinancingImportKind;
  return (
    <Card title={t('nav.finImports')} data-testid="fin-imports-page">
      <Tabs
        activeKey={kind}
        onChange={(key) => setParams({ kind: key }, { replace: true })}
        destroyOnHidden
        items={KINDS.map((k) => ({ key: k, label: <span data-testid={`fin-import-tab-${k}`}>{t(`finImport.kind.${k}`)}</span>, children: <ImportForm kind={k} /> }))}
      />
    </Card>
  );
}
