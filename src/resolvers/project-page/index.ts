import { projectPageContract } from '../../contract/project-page';
import { defineSurface } from '../shared/surface';
import { loadProject } from './load-project';

export const projectPageResolver = defineSurface(projectPageContract, { 'project/load': loadProject });
