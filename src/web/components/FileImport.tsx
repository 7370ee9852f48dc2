import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space, Statistic, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ImportError, ImportResult } from '../api/types';
import { useI18n } from '../app/i18n';
import { ErrorAlert } from './ErrorAlert';

/** The server's default upload limit (KCJR_UPLOAD_LIMIT_BYTES); a larger file is refused here before it is sent. */
const MAX_BYTES = 20 * 1024 * 1024;

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
}

interface FileImportProps<R extends ImportResult> {
  /** Sends the file with the options; every import endpoint answers with at least the row-level error report. */
  run: (file: File, options: ImportOptions) => Promise<R>;
  /** Prefix of the test ids: `<prefix>-upload`, `-dry-run`, `-skip-invalid`, `-submit`. */
  testIdPrefix: string;
  /** Whether the import offers "skip invalid rows" (all-or-nothing imports do not). */
  skippable?: boolean;
  /** False while a field the import needs besides the file (a report date, say) is missing. */
  ready?: boolean;
  /** What the import reports beyond the error table (created / updated counts), under it. */
  details?: (result: R, dryRun: boolean) => ReactNode;
  /** Called after an import that stored rows, so the page can reload what it lists. */
  onImported?: (result: R) => void;
}

/**
 * The upload form every import shares: pick one CSV/XLSX file, dry run or not, skip invalid rows or not, then the
 * row-level error report. The file is held until the user presses "import" so it goes with the chosen options.
 */
export function FileImport<R extends ImportResult>({ run, testIdPrefix, skippable = true, ready = true, details, onImported }: FileImportProps<R>) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ value: R; dryRun: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const options = { dryRun, skipInvalid: skippable && skipInvalid };
      const value = await run(file, options);
      setResult({ value, dryRun });
      if (!dryRun && value.imported > 0) onImported?.(value);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const tooLarge = !!file && file.size > MAX_BYTES;

  return (
    <>
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
        data-testid={`${testIdPrefix}-upload`}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.pick')}</p>
      </Upload.Dragger>
      {tooLarge && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('import.tooLarge')} />}
      <Space orientation="vertical" style={{ margin: '16px 0' }}>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid={`${testIdPrefix}-dry-run`}>
          {t('import.dryRun')}
        </Checkbox>
        {skippable && (
          <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid={`${testIdPrefix}-skip-invalid`}>
            {t('import.skipInvalid')}
          </Checkbox>
        )}
        <Button type="primary" onClick={submit} loading={busy} disabled={!file || tooLarge || !ready} data-testid={`${testIdPrefix}-submit`}>
          {file ? t('import.submit') : t('import.noFile')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {result && (
        <>
          <ImportReport result={result.value} dryRun={result.dryRun} />
          {details?.(result.value, result.dryRun)}
        </>
      )}
    </>
  );
}

/** The outcome of an import: a summary, the count stored, and the row-level errors (line, column, message). */
export function ImportReport({ result, dryRun }: { result: ImportResult; dryRun: boolean }) {
  const { t } = useI18n();
  const count = result.errors.length;
  const summary =
    result.ok && count === 0
      ? dryRun
        ? t('import.result.dryRunOk')
        : t('import.result.ok', { imported: result.imported })
      : t('import.result.failed', { count, imported: result.imported });
  return (
    <div data-testid="import-result">
      <Alert
        type={result.ok && count === 0 ? 'success' : result.ok ? 'warning' : 'error'}
        showIcon
        title={summary}
        data-testid="import-summary"
        style={{ marginBottom: 16 }}
      />
      <Statistic title={t('import.result.imported')} value={result.imported} styles={{ content: { fontSize: 28 } }} data-testid="import-imported" />
      {count > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('import.errors')}
          </Typography.Title>
          <Table<ImportError>
            size="small"
            data-testid="import-errors"
            rowKey={(row) => `${row.line}:${row.column}:${row.message}`}
            dataSource={result.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { key: 'line', title: t('import.error.line'), dataIndex: 'line', width: 90 },
              { key: 'column', title: t('import.error.column'), dataIndex: 'column', width: 180 },
              { key: 'message', title: t('import.error.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </div>
  );
}
