import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { monitoringApi, type AlertCounts } from '../../api/monitoring';

// The inbox's unread count for the menu and header badge: fetched on sign-in, every minute, and whenever a page
// that changed an alert asks for it (refresh).
export const ALERT_COUNTS_INTERVAL_MS = 60_000;

interface AlertCountsValue {
  counts: AlertCounts | null;
  refresh: () => void;
}

const AlertCountsContext = createContext<AlertCountsValue>({ counts: null, refresh: () => undefined });

export function AlertCountsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [counts, setCounts] = useState<AlertCounts | null>(null);
  const latest = useRef(0);
  const refresh = useCallback(() => {
    if (!enabled) return;
    const call = ++latest.current;
    monitoringApi
      .alertCounts()
      .then((c) => {
        if (call === latest.current) setCounts(c);
      })
      // A failed poll keeps the last count; a 401 already signs the user out through the client.
      .catch(() => undefined);
  }, [enabled]);

  useEffect(() => {
    if (!enabled) {
      setCounts(null);
      return;
    }
    refresh();
    const timer = window.setInterval(refresh, ALERT_COUNTS_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [enabled, refresh]);

  return createElement(AlertCountsContext.Provider, { value: { counts, refresh } }, children);
}

export function useAlertCounts(): AlertCountsValue {
  return useContext(AlertCountsContext);
}
