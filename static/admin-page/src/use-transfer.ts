import { adminPageApi } from '@shared/client';
import { useMemo } from 'react';

/** Export and import of every outcome with its KPIs, as one JSON document. */
export function useTransfer() {
  return useMemo(
    () => ({
      exportDocument: () => adminPageApi('transfer/export', {}),
      importDocument: (document: unknown) => adminPageApi('transfer/import', { document }),
    }),
    [],
  );
}
