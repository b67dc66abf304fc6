import { mount } from '@shared/components/mount';
import { AdminPage } from './AdminPage';
import './admin.css';

mount(<AdminPage />);
