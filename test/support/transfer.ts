import { type as, ok } from './sandbox';

type Admin = ReturnType<typeof as>['admin'];

/** Previews a file, then imports it with the preview's token: what the admin page's import dialog does. */
export async function importFile(admin: Admin, document: unknown) {
  const preview = ok(await admin('transfer/preview', { document }));
  return { preview, reply: await admin('transfer/import', { document, token: preview.token }) };
}
