import { CONFIDENCE_LEVELS, type Confidence } from '@contract/limits';
import { choicesOf } from './components/ChoiceSelect';

/** How sure the person checking in is, as every surface says it. */
export const CONFIDENCE_NAME: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const CONFIDENCE_CHOICES = choicesOf(CONFIDENCE_LEVELS, CONFIDENCE_NAME);
