import { mount } from '@shared/components/mount';
import { IssuePanel } from './IssuePanel';

mount(<IssuePanel />);
