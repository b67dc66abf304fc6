import { mount } from '@shared/components/mount';
import { ProjectPage } from './ProjectPage';

mount(<ProjectPage />);
