// Atlaskit ships its theme style sheets as CommonJS modules whose default export is the CSS text.
declare module '@atlaskit/tokens/dist/cjs/artifacts/themes/*' {
  const css: string;
  export default css;
}
