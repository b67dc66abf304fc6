import type { ProjectPageContract } from '../../contract/project-page';
import { operationOf } from '../shared/surface';

export const projectOperation = operationOf<ProjectPageContract>();
