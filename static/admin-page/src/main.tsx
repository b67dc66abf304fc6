import { mount } from '@shared/components/mount';

mount(<p>admin-page</p>);
