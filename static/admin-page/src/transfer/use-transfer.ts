import { adminPageApi } from '@shared/client';
import { useMemo } from 'react';

/** The backup as one JSON document: export it, preview what importing it would do, and import the previewed plan. */
export function useTransfer() {
  return useMemo(
    () => ({
      exportDocument: () => adminPageApi('transfer/export', {}),
      previewDocument: (document: unknown) => adminPageApi('transfer/preview', { document }),
      importDocument: (document: unknown, token: string) =>
        adminPageApi('transfer/import', { document, token }),
    }),
    [],
  );
}
