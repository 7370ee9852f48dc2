import { App } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';
import { describeError } from '../../components/errors';

/** Runs a delete call, toasts the outcome and refreshes the enterprise. */
export function useDelete(onChanged: () => void) {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    async (call: () => Promise<unknown>) => {
      try {
        await call();
        message.success(t('common.deleted'));
        onChanged();
      } catch (err) {
        message.error(describeError(t, err));
      }
    },
    [message, t, onChanged],
  );
}
