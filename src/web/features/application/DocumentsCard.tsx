import { UploadOutlined } from '@ant-design/icons';
import { Button, List, Upload } from 'antd';
import { useState } from 'react';
import { applicationApi } from '../../api/financing';
import type { ApplicationDetail } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';

const ENTERPRISE_ATTACHES = ['draft', 'submitted', 'screening', 'review', 'deferred'];

/** Attached documents: downloads for everyone in scope; the enterprise attaches while the office decides. */
export function DocumentsCard({ application, onChange }: { application: ApplicationDetail; onChange(): void }) {
  const { t, language } = useI18n();
  const user = useUser();
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const canAttach =
    (user.role === 'enterprise_user' && ENTERPRISE_ATTACHES.includes(application.status)) || user.role === 'officer' || user.role === 'admin';

  return (
    <div data-testid="application-documents">
      <ErrorAlert error={error} />
      <List
        size="small"
        dataSource={application.documents}
        locale={{ emptyText: t('app.documents.none') }}
        renderItem={(d) => (
          <List.Item data-testid="document-item">
            <a href={applicationApi.documentUrl(application.id, d.id)}>{d.filename}</a>
            <span>
              {Math.ceil(d.size / 1024)} KB · {formatDateTime(d.uploadedAt, language)}
            </span>
          </List.Item>
        )}
      />
      {canAttach && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            setUploading(true);
            setError(null);
            applicationApi
              .upload(application.id, file)
              .then(onChange)
              .catch(setError)
              .finally(() => setUploading(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 8 }} data-testid="document-upload">
            {t('app.documents.attach')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
