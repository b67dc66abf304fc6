import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';

const loadUsage = () => adminPageApi('usage/get', {});

/** The points the app used this hour and day, loaded once. */
export const useUsage = () => useReply(loadUsage, 'usage');
