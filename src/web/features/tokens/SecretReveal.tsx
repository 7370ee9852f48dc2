import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space } from 'antd';
import { useI18n } from '../../app/i18n';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** The plain token exists only in this reply; once the modal closes it is gone. */
export function SecretReveal({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Modal
      open={secret !== null}
      title={t('tokens.secret.title')}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      data-testid="token-secret-modal"
    >
      <Alert type="warning" showIcon title={t('tokens.secret.hint')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={secret ?? ''} data-testid="token-secret" style={{ fontFamily: 'monospace' }} />
        <Button
          icon={<CopyOutlined />}
          data-testid="token-copy"
          onClick={async () => {
            if (secret && (await copyText(secret))) message.success(t('common.copied'));
          }}
        >
          {t('common.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
