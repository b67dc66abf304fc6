/** RICE inputs: reach (people a period), impact (0.25 to 3), confidence (%), effort (person-months). */
export interface RiceInputs {
  reach: number;
  impact: number;
  confidence: number;
  effort: number;
}

/**
 * RICE score: reach × impact × confidence ÷ effort, confidence as a share, to two decimals. Zod-free, so
 * the issue panel shows the score as the server computes it while a person types.
 */
export const riceScore = (rice: RiceInputs): number =>
  Number(((rice.reach * rice.impact * (rice.confidence / 100)) / rice.effort).toFixed(2));
