import { type AppError, changedMeanwhile } from '../../domain/errors';
import { getUsers } from '../jira/users';

interface Stamped {
  updatedBy: string;
  updatedAt: string;
  version: number;
}

/** The conflict error for a record someone saved first, naming them so the caller knows whose work is at stake. */
export async function conflictNaming(
  thing: Parameters<typeof changedMeanwhile>[0],
  current: Stamped,
  attempted: 'edit' | 'delete' = 'edit',
): Promise<AppError> {
  const users = await getUsers([current.updatedBy]);
  return changedMeanwhile(
    thing,
    { accountId: current.updatedBy, displayName: users.get(current.updatedBy)?.displayName ?? null },
    current.updatedAt,
    current.version,
    attempted,
  );
}
