import type { IssuePanelContract } from '../../contract/issue-panel';
import { operationOf } from '../shared/surface';

export const panelOperation = operationOf<IssuePanelContract>();
