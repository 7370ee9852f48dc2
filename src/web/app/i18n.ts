import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './messages.en';
import { zh, type MessageKey } from './messages.zh';

// Our own small dictionary instead of an i18n library: two languages, flat keys, `{name}` placeholders.
export type Language = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'kcjr.lang';
const tables: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = tables[language][key] ?? zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

/** For values that may be outside the known set (e.g. free-text certification types): the label, or the value itself. */
export function labelOr(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en-US') return stored;
  } catch {
    // Storage can be unavailable (private mode); Chinese is the default.
  }
  return 'zh-CN';
}

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `KCJR ${translate(language, 'app.name')}`;
  }, [language]);

  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
