import { mount } from '@shared/components/mount';
import { ProjectPage } from './ProjectPage';
import './project.css';

mount(<ProjectPage />);
