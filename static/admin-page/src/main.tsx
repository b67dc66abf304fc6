import { mount } from '@shared/components/mount';
import { AdminPage } from './AdminPage';

mount(<AdminPage />);
