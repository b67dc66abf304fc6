import { mount } from '@shared/components/mount';

mount(<p>project-page</p>);
