import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Space, Statistic, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { enterpriseApi } from '../../api/endpoints';
import type { ImportError, ImportResult } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

const MAX_BYTES = 20 * 1024 * 1024;

export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<{ value: ImportResult; dryRun: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!file) return;
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const value = await enterpriseApi.import(file, { dryRun, skipInvalid });
      setResult({ value, dryRun });
    } catch (err) {
      setError(err);
    } finally {
      setSubmitting(false);
    }
  }

  const tooLarge = !!file && file.size > MAX_BYTES;

  return (
    <Card title={t('import.title')} data-testid="import-page">
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        fileList={fileList}
        beforeUpload={(picked) => {
          // Hold the file; it is sent with the options when the user presses "import".
          setFile(picked);
          setFileList([{ uid: picked.uid, name: picked.name, status: 'done', size: picked.size }]);
          setResult(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setFileList([]);
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.pick')}</p>
      </Upload.Dragger>
      {tooLarge && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('import.tooLarge')} />}
      <Space orientation="vertical" style={{ margin: '16px 0' }}>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
          {t('import.dryRun')}
        </Checkbox>
        <Checkbox
          checked={skipInvalid}
          onChange={(e) => setSkipInvalid(e.target.checked)}
          data-testid="import-skip-invalid"
        >
          {t('import.skipInvalid')}
        </Checkbox>
        <Button
          type="primary"
          onClick={submit}
          loading={submitting}
          disabled={!file || tooLarge}
          data-testid="import-submit"
        >
          {file ? t('import.submit') : t('import.noFile')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {result && <ImportReport result={result.value} dryRun={result.dryRun} />}
    </Card>
  );
}

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
      <Statistic
        title={t('import.result.imported')}
        value={result.imported}
        styles={{ content: { fontSize: 28 } }}
        data-testid="import-imported"
      />
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
