import type { AdminPageContract } from '../../contract/admin-page';
import { operationOf } from '../shared/surface';

export const adminOperation = operationOf<AdminPageContract>();
