import { SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../app/i18n';

interface Props {
  /** The submit button's test id (list pages name their own). */
  submitTestId: string;
  /** Clears the form and the query the list was filtered by. */
  onReset: () => void;
}

/** A filter form's 查询 (submit) and 重置 buttons, for the caller's own `Space` row. */
export function FilterButtons({ submitTestId, onReset }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={submitTestId}>
        {t('common.search')}
      </Button>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </>
  );
}
