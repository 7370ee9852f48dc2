import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { metaApi } from '../api/endpoints';
import type { Meta } from '../api/types';

const MetaContext = createContext<Meta | null>(null);

/** GET /meta is public; the demo banner depends on it, on the sign-in page too. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta | null>(null);
  useEffect(() => {
    let live = true;
    metaApi
      .get()
      .then((m) => live && setMeta(m))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta | null {
  return useContext(MetaContext);
}
