/**
 * Atlaskit components consult Atlassian's feature-gate client (Statsig, ~110 kB minified) for in-house
 * experiments. Inside a Forge Custom UI iframe that client is never initialised, so every gate already
 * answers "off" and every experiment its default. This module gives the same answers without the weight;
 * the Vite config aliases the client to it.
 */
const answers: Record<string, (...args: unknown[]) => unknown> = {
  checkGate: () => false,
  getExperimentValue: (_experiment, _parameter, defaultValue) => defaultValue,
  initializeCompleted: () => false,
  initializeCalled: () => false,
  hasCheckGateErrorOccurred: () => false,
  hasGetExperimentValueErrorOccurred: () => false,
  getExperiment: () => undefined,
  getDefaultPerimeter: () => undefined,
};

const FeatureGates = new Proxy(answers, {
  get: (target, property) =>
    typeof property === 'string' ? (target[property] ?? (() => undefined)) : undefined,
});

export default FeatureGates;
