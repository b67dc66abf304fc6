import { appConfig } from '../vite.app-config.mts';

export default appConfig('issue-panel', 'Outcomes');
